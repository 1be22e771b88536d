"""A paginator whose count costs O(cap), not O(rows): beyond `cap` it says "more than".

Counting 50,000 people to print "50,000 people" on every page load reads every row of the
filter; nobody pages to the end of that. Up to `cap` the count is exact; beyond, pages are
found by fetching one row more than a page (Next shows while there is one).
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.utils.functional import cached_property

CAP = 1000


class CappedPage[Row: models.Model](Page[Row]):
    paginator: CappedPaginator[Row]
    more: bool = False

    def has_next(self) -> bool:
        if getattr(self.paginator, "is_capped", False):
            return self.more
        return super().has_next()


class CappedPaginator[Row: models.Model](Paginator[Row]):
    object_list: models.QuerySet[Row]  # counting and slicing below run SQL: rows, not a list

    def __init__(
        self, object_list: models.QuerySet[Row], per_page: int, *, cap: int = CAP, **kwargs: Any
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        """The exact count up to `cap`, else cap + 1 (see is_capped). Unordered (a sort would
        read every row first), except a full-text search's: ordered by rank, SQLite starts
        from the index's matches instead of probing the index once per row."""
        rows = self.object_list
        if not rows.query.extra_tables:
            rows = rows.order_by()
        return rows[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        if self.is_capped:
            return sys.maxsize  # unknown: any page number is allowed, an empty one says so
        return super().num_pages

    def get_page(self, number: int | float | str | None) -> CappedPage[Row]:
        page = super().get_page(number)
        assert isinstance(page, CappedPage)  # built by page() or _get_page below: always
        return page

    def page(self, number: int | str) -> Page[Row]:
        if not self.is_capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        page: CappedPage[Row] = CappedPage(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page

    def _get_page(self, *args: Any, **kwargs: Any) -> Page[Row]:
        return CappedPage(*args, **kwargs)
