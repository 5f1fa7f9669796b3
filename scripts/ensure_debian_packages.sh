#!/bin/sh
# Install the named Debian packages when they are missing; say clearly what is still missing if
# they cannot be installed (no apt, no root/sudo, no network). Exit 0 either way: the caller decides.
missing=""
for p in "$@"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "Installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo -n"
if $SUDO apt-get update -q >/dev/null 2>&1 && \
   DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing >/dev/null 2>&1; then
  exit 0
fi
echo "!!! Could not install:$missing"
echo "!!! Install them as root:  apt-get install$missing"
case "$missing" in
  *fonts-noto-cjk*) echo "!!! Without fonts-noto-cjk the PDF downloads (catalogs, reply letters, reports) show no Chinese text." ;;
esac
exit 0
