"""Production settings: base with debug off and HTTPS on unless the environment says otherwise.

    DJANGO_SETTINGS_MODULE=gongkai.settings.production
    GONGKAI_SECRET_KEY=<50+ random characters>  GONGKAI_ALLOWED_HOSTS=gongkai.example.gov.cn
    DATABASE_URL=postgres://…  GONGKAI_TRUSTED_PROXY_IPS=<the reverse proxy's address or network>

Everything else is read from the environment by base (docs/security.md lists the variables);
`manage.py check --deploy` reports nothing with these (gongkai/core/tests/test_deploy_check.py).
"""
import os

os.environ.setdefault("GONGKAI_DEBUG", "false")
os.environ.setdefault("GONGKAI_HTTPS", "true")

from .base import *  # noqa: E402,F401,F403

if not SECURE_HSTS_PRELOAD:  # noqa: F405
    # HSTS preload is opt-in (GONGKAI_HSTS_PRELOAD=true): a listed domain cannot leave the browsers'
    # preload list quickly, so leaving it off is a decision, not an oversight.
    SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "security.W021"]
