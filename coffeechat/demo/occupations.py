"""The demo's occupations chapter: deliberately empty.

O*NET's database can't be shipped or downloaded here, and the only release in the repository is
the tests' made-up one (coffeechat/occupations/tests/onet_sample/), which must never be shown as
occupation information. So the demo account shows the "isn't loaded" state; an administrator
who has the real release loads it with `manage.py import_onet` and the demo's people then get
their occupations matched from their titles.
"""

from __future__ import annotations

from datetime import datetime

from coffeechat.accounts.models import User


def load(user: User, *, now: datetime) -> dict[str, int]:
    return {}
