"""Time zones and a frozen "now" for tests of scheduling across zones: a user in Berlin talking
to someone in Los Angeles."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
# Frozen "now" for the service tests: a Monday in early March 2027, before either DST change
# (the US springs forward on 14 March 2027, the EU on 28 March 2027).
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=BERLIN)
