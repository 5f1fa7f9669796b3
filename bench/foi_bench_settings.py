"""Settings for bench/bench_foi_intake.py only: the real settings, the benchmark's URLconf, no rate limit.

The human check stays on: the benchmark's clients read and solve the question like a person.
"""
from gongkai.settings.base import *  # noqa: F401,F403

ROOT_URLCONF = "bench.foi_bench_urls"
FOI_RATE_LIMITS = {}  # every benchmark client comes from 127.0.0.1
