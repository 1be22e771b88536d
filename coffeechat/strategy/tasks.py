"""Background work for strategy: reading a big account's notes into themes."""

from __future__ import annotations

from django.tasks import task

from coffeechat.accounts.models import User
from coffeechat.strategy import themes


@task()
def catch_up_themes(*, owner_id: int) -> None:
    """Read every item waiting to be read into themes, then count them."""
    owner = User.objects.filter(pk=owner_id).first()
    if owner is not None:  # the account may have been deleted since
        themes.catch_up(owner)
