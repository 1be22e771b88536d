"""The brief's free-text "gaps" become the user's obstacles (coffeechat.strategy).

Each non-empty line of a brief's gaps becomes one obstacle of its owner, raised in that brief's
conversation. Lines that say the same thing (same words once case, accents, punctuation and
spacing are set aside) become one obstacle, raised in every conversation that named it; the
first wording written is kept. Then the field goes.
"""

import re
import unicodedata

from django.db import migrations

WORD = re.compile(r"[^\W_](?:[\w+#]*[\w+#])?")


def _key(text):
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(WORD.findall(folded))


def forwards(apps, schema_editor):
    Brief = apps.get_model("prep", "Brief")
    Obstacle = apps.get_model("strategy", "Obstacle")
    found = {}  # (owner id, key) -> obstacle
    briefs = Brief.objects.exclude(obstacles="").order_by("created_at", "pk")
    for brief in briefs.iterator():
        for line in brief.obstacles.splitlines():
            title = " ".join(line.split()).lstrip("-•*· ").strip()[:200]
            key = _key(title)[:200]
            if not key:
                continue
            obstacle = found.get((brief.owner_id, key))
            if obstacle is None:
                obstacle, _ = Obstacle.objects.get_or_create(
                    owner_id=brief.owner_id, key=key,
                    defaults={"title": title, "created_at": brief.created_at,
                              "status_changed_at": brief.created_at})
                found[(brief.owner_id, key)] = obstacle
            obstacle.raised_in.add(brief.conversation_id)


def backwards(apps, schema_editor):
    Brief = apps.get_model("prep", "Brief")
    Obstacle = apps.get_model("strategy", "Obstacle")
    for obstacle in Obstacle.objects.order_by("created_at", "pk"):
        for brief in Brief.objects.filter(conversation__in=obstacle.raised_in.all()):
            brief.obstacles = "\n".join(filter(None, [brief.obstacles, obstacle.title]))
            brief.save(update_fields=["obstacles"])


class Migration(migrations.Migration):

    dependencies = [
        ("prep", "0001_initial"),
        ("strategy", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="brief", name="obstacles"),
    ]
