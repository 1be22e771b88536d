from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from coffeechat.network.forms import QuickAddForm


def quick_add(request: HttpRequest) -> dict[str, Any]:
    """The quick-add form sits in the header of every signed-in page."""
    # An error page for a request refused before AuthenticationMiddleware ran (a bad Host
    # header, a body too large: 400) has no user: it must render, not turn into a 500.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Its own ids: the page below may have a form with the same field names (the person form).
    return {"quick_add_form": QuickAddForm(auto_id="quick_%s")}
