"""Test settings: the same as base, with fast hashing and an isolated var dir."""
from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
# The page cache is exercised by gongkai/ops/tests (which switch it on); elsewhere a test that
# writes without committing (no new generation is visible) would otherwise read an older page.
GONGKAI_PAGE_CACHE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The per-account login delay (gongkai.core.lockout) stays on in tests, but in milliseconds: a test
# that fails a login a few times should not sleep seconds (tests/test_login_throttling.py sets the
# production figures where it checks them).
GONGKAI_LOGIN_DELAY_BASE = 0.001
GONGKAI_LOGIN_DELAY_MAX = 0.005
