"""Themes read a referral for whom it names, no longer for the reasons given (themes.py).

The mentions already read from referrals go, and the referrals are marked changed so the next
theme refresh (a page load, or the worker for a big account) reads them again the new way.
"""

from django.db import migrations
from django.utils import timezone


def reread_referrals(apps, schema_editor):
    Capture = apps.get_model("prep", "Capture")
    Mention = apps.get_model("strategy", "Mention")
    referrals = Capture.objects.filter(kind="referral")
    Mention.objects.filter(capture__in=referrals).delete()
    referrals.update(updated_at=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ("prep", "0002_obstacles_move_to_strategy"),
        ("strategy", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(reread_referrals, migrations.RunPython.noop),
    ]
