"""Time the main pages and count their queries on the demo account.

Usage: COFFEECHAT_DATA_DIR=$(mktemp -d) .venv/bin/python scripts/bench_pages.py [--runs N]
Loads the demo account into the database named by the environment (use a scratch data dir),
then requests each page N times and prints the median time and the number of queries.
Numbers are for comparing changes on one machine, not assertions; the tests check that query
counts stay constant as data grows.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from pagetiming import timed  # noqa: E402

PAGES = [
    "/today/",
    "/pipeline/",
    "/people/",
    "/people/?q=a",
    "/organizations/",
    "/targets/",
    "/you/",
    "/you/assessment/",
    "/strategy/",
    "/strategy/themes/",
    "/insights/",
    "/resumes/",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", "--force", verbosity=0)
    from coffeechat.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email="demo@coffeechat.test"))
    print(f"{'page':<22}{'median ms':>10}{'queries':>9}")
    for path in PAGES:
        median, count = timed(client, path, args.runs)
        print(f"{path:<22}{median:>10.1f}{count:>9}")


if __name__ == "__main__":
    main()
