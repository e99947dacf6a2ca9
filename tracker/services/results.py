"""What a service returns: the row it saved and what the person should be told about it."""

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from tracker.rules.findings import Finding

Row = TypeVar("Row")


@dataclass(frozen=True)
class Saved(Generic[Row]):
    record: Row
    findings: list[Finding] = field(default_factory=list)
    created: bool = True  # False when a resubmitted form found the row already saved
