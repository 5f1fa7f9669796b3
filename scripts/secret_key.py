"""Print the installation's secret key, creating var/secret_key (mode 600) on first use.

`make run` serves with debug off, which needs GONGKAI_SECRET_KEY; a production host sets its own.
"""
import os
import secrets
import sys
from pathlib import Path

var = Path(os.environ.get("GONGKAI_VAR_DIR") or Path(__file__).resolve().parent.parent / "var")
var.mkdir(parents=True, exist_ok=True)
path = var / "secret_key"
if not path.exists():
    path.write_text(secrets.token_urlsafe(50))
    path.chmod(0o600)
sys.stdout.write(path.read_text().strip())
