"""Settings for bench/bench_write_path.py only: the real settings, the benchmark's URLconf, no rate limit.

The human checks stay on: the benchmark's clients read and solve the questions like a person.
"""
from gongkai.settings.base import *  # noqa: F401,F403

ROOT_URLCONF = "bench.write_bench_urls"
FOI_RATE_LIMITS = {}  # every benchmark client comes from 127.0.0.1
