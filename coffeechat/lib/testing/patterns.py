"""Every URL pattern of the project, walked through its includes: what the route tables of
routes.py must classify, one by one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Pattern:
    route: str  # the full pattern, e.g. "people/<int:person_id>/"
    name: str | None  # "network:person", None for unnamed patterns
    module: str  # where the view lives


def all_patterns() -> Iterator[Pattern]:
    """Every URL pattern of the project, walked recursively through includes."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Pattern]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry, prefix + str(entry.pattern), inner)
            else:
                assert isinstance(entry, URLPattern)
                name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
                yield Pattern(
                    route=prefix + str(entry.pattern),
                    name=name,
                    module=entry.lookup_str.rpartition(".")[0],
                )

    return walk(get_resolver(), "", "")
