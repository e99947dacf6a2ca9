"""Cautions the patient said apply to them at the start of a course, kept with the course and
shown with its findings for as long as it lasts."""

import re

from tracker.rules.findings import Finding, Level

CAUTION_APPLIES = "Applies to me: "
# A line break inside an answer (an imported one) must not hide the caution.
_KEPT = re.compile(
    rf"^{re.escape(CAUTION_APPLIES)}(?P<text>.*?)(?: \[(?P<source>[^\]]*)\])?$", re.DOTALL
)


def caution_findings(answers: list[str], drug_name: str) -> list[Finding]:
    """Return a caution for each answer that says a reference caution applies."""
    findings = []
    for answer in answers:
        kept = _KEPT.match(answer)
        if kept is None:
            continue
        findings.append(
            Finding(
                Level.CAUTION,
                "caution_applies",
                f"You told us this applies to you: {kept['text']}. It matters with "
                f"{drug_name}: make sure your prescriber knows, and ask before any change.",
                kept["source"] or "",
            )
        )
    return findings
