from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from coffeechat.network.forms import QuickAddForm


def quick_add(request: HttpRequest) -> dict[str, Any]:
    """The quick-add form sits in the header of every signed-in page."""
    if not request.user.is_authenticated:
        return {}
    # Its own ids: the page below may have a form with the same field names (the person form).
    return {"quick_add_form": QuickAddForm(auto_id="quick_%s")}
