"""O*NET's credit line (its license asks for it on every page that shows its information)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coffeechat.occupations.models import Release


def attribution(loaded: Release) -> str:
    """O*NET's required CC BY 4.0 credit for pages that show its information verbatim."""
    return (
        f"This page includes information from the O*NET {loaded.version} Database by the "
        "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). "
        "Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA."
    )
