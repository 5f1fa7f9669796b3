"""Test settings: the same as base, with fast hashing and an isolated var dir."""
from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
# The page cache is exercised by gongkai/ops/tests (which switch it on); elsewhere a test that
# writes without committing (no new generation is visible) would otherwise read an older page.
GONGKAI_PAGE_CACHE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
