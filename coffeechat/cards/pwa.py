"""The service worker script, served from the site's root so its scope covers every page.

A script under /static/ could only control /static/; the file itself lives with the other
scripts (static/js/sw.js) and is sent as it is. Only the capture page, behind the login,
registers it; like every page it asks for a signed-in user.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

SCRIPT = settings.BASE_DIR / "static" / "js" / "sw.js"


@login_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(SCRIPT.read_bytes(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"  # a new version is picked up on the next visit
    return response
