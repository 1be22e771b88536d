from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from coffeechat.accounts import services
from coffeechat.accounts.forms import SettingsForm
from coffeechat.accounts.models import User
from coffeechat.lib.forms import add_errors
from coffeechat.lib.http import AuthedRequest


# /settings/
@login_required
def settings(request: AuthedRequest) -> HttpResponse:
    # Bind to a copy: a failed save must not leave the signed-in user half-changed.
    # (request.user is a lazy proxy: type() of it is not the User model.)
    user = User.objects.get(pk=request.user.pk)
    form = SettingsForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_settings(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Settings saved.")
            return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form},
                  status=400 if form.errors else 200)
