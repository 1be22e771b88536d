from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from coffeechat.insights import charts, queries, trends
from coffeechat.lib.http import AuthedRequest


# /insights/
@login_required
@require_GET
def progress(request: AuthedRequest) -> HttpResponse:
    owner, now = request.user, timezone.now()
    totals = queries.stage_totals(owner)
    steps = queries.funnel(totals)
    rates = queries.reply_rates(totals)
    segments = queries.segments(owner)
    pace = queries.pace(owner, now)
    thanks = queries.thank_you_times(owner)
    referrals = queries.referrals(owner, totals)
    themes = trends.theme_history(owner, now)
    obstacles = trends.obstacle_history(owner, now)
    asked = steps[1].count
    return render(
        request,
        "insights/progress.html",
        {
            "steps": steps,
            "asked": asked,
            "min_requests": queries.MIN_REQUESTS_FOR_RATE,
            "funnel": charts.funnel(steps) if steps[0].count else None,
            "replies": (
                charts.reply_rates(rates) if asked >= queries.MIN_REQUESTS_FOR_RATE else None
            ),
            "segments": charts.segments(segments) if sum(segments.values()) else None,
            "pace": pace,
            "pace_chart": charts.weekly_pace(pace) if pace.total else None,
            "thanks": thanks,
            "thanks_chart": charts.thank_you(thanks) if thanks.thanked + thanks.not_yet else None,
            "referrals": referrals,
            "referral_chart": charts.referral_depth(referrals) if referrals.introduced else None,
            "themes": themes,
            "themes_chart": charts.themes_over_time(themes) if themes.standing else None,
            "obstacles": obstacles,
            "obstacles_chart": charts.obstacles_closed(obstacles) if obstacles.total else None,
        },
    )
