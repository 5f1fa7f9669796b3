"""Production settings: base with debug off and HTTPS on unless the environment says otherwise.

    DJANGO_SETTINGS_MODULE=gongkai.settings.production
    GONGKAI_SECRET_KEY=<50+ random characters>  GONGKAI_ALLOWED_HOSTS=gongkai.example.gov.cn
    DATABASE_URL=postgres://…  GONGKAI_TRUSTED_PROXIES=1

Everything else is read from the environment by base (docs/security.md lists the variables);
`manage.py check --deploy` reports nothing with these (gongkai/core/tests/test_deploy_check.py).
"""
import os

os.environ.setdefault("GONGKAI_DEBUG", "false")
os.environ.setdefault("GONGKAI_HTTPS", "true")

from .base import *  # noqa: E402,F401,F403
