"""The project's rows as plain values, compared before and after each request of the route
walks: nothing of alice's may change when mallory asks, and no row may point at another
owner's."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from coffeechat.accounts.models import User

# The apps whose rows the route tests compare before and after (exports' zips are built on
# demand by the routes themselves, so they are left out).
ROW_APPS = tuple(
    config.label
    for config in apps.get_app_configs()
    if config.name.startswith("coffeechat.")
    and config.label != "accounts"
    and config.label != "exports"
    and any(True for _ in config.get_models())
)


def _owned(model: type[models.Model]) -> bool:
    return any(f.name == "owner" for f in model._meta.concrete_fields)


def project_rows(owner: User | None = None) -> dict[str, Any]:
    """Every row of the project's own models (only `owner`'s when given): each model's rows as
    tuples of every column in pk order, and each many-to-many field as (pk, linked pk) pairs.

    Compared before and after a request in each of the walks' thousands of tests; plain
    values_list() reads are a third of what serializing every row to JSON cost.
    """
    rows: dict[str, Any] = {}
    for label in ("accounts", *ROW_APPS):
        for model in apps.get_app_config(label).get_models():
            queryset = model.objects.order_by("pk")
            if owner is not None and model is not User and not _owned(model):
                continue  # shared reference data (no owner): nobody's rows
            if owner is not None:
                queryset = queryset.filter(
                    **({"pk": owner.pk} if model is User else {"owner": owner})
                )
            columns = [
                f.attname
                for f in model._meta.concrete_fields
                if not (model is User and f.name == "last_login")
            ]
            rows[model._meta.label] = list(queryset.values_list(*columns))
            for m2m in model._meta.many_to_many:
                rows[f"{model._meta.label}.{m2m.name}"] = list(
                    queryset.values_list("pk", m2m.name).order_by("pk", m2m.name)
                )
    return rows


def cross_owner_links() -> list[str]:
    """Rows that point at a row of another owner's (there must be none)."""
    from coffeechat.lib.models import OwnedModel

    found = []
    for label in ROW_APPS:
        for model in apps.get_app_config(label).get_models():
            if not _owned(model):
                continue
            for fk in model._meta.concrete_fields:
                target = fk.related_model
                if (
                    not fk.is_relation
                    or fk.name == "owner"
                    or target is None
                    or not issubclass(target, OwnedModel)
                ):
                    continue
                bad = model.objects.exclude(**{fk.name: None}).exclude(
                    **{f"{fk.name}__owner": models.F("owner")}
                )
                found += [
                    f"{model._meta.label}.{fk.name} pk={pk}"
                    for pk in bad.values_list("pk", flat=True)
                ]
            for m2m in model._meta.many_to_many:
                if not issubclass(m2m.related_model, OwnedModel):
                    continue
                source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
                bad = m2m.remote_field.through.objects.exclude(
                    **{f"{source}__owner": models.F(f"{target}__owner")}
                )
                found += [
                    f"{model._meta.label}.{m2m.name} pk={pk}"
                    for pk in bad.values_list("pk", flat=True)
                ]
    return found
