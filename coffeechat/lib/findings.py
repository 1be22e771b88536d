"""What the text lints have in common (coffeechat.outreach's for messages, coffeechat.resumes'
for bullets): a finding names its rule and severity and says why the rule matters. Pure: no
Django."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import ClassVar

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """A lint's finding. Each lint subclasses it with the rest of its fields (where in the text,
    the message) and `WHY`, its rules' one-line reasons; `as_dict` is the fields in the order
    they are declared, then `why`."""

    WHY: ClassVar[Mapping[str, str]] = {}

    rule: str
    severity: str

    @property
    def why(self) -> str:
        return self.WHY[self.rule]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict[str, object]:
        return {**{f.name: getattr(self, f.name) for f in fields(self)}, "why": self.why}
