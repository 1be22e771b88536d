from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def quick_add(request: HttpRequest) -> dict[str, Any]:
    """The quick-add form sits in the header of every signed-in page."""
    if not request.user.is_authenticated:
        return {}
    from coffeechat.network.forms import QuickAddForm

    return {"quick_add_form": QuickAddForm()}
