"""Hostile export files, one named case each.

Most cases change one thing in a valid export (the victim's own, so every date and symptom in
it is real: `fields`); the rest are raw bytes no export can be (`files`). Each case says whether
the import must refuse it, and a fragment of the message the form must show; a few must import,
cleaned. How a case is made: `cases`.
"""

from tests.security.hostile_imports import fields, files  # noqa: F401 - each registers its cases
from tests.security.hostile_imports.cases import CASES, Case, Victim

__all__ = ["CASES", "FILES", "MORE_FILES", "Case", "Victim"]

assert len({c.name for c in CASES}) == len(CASES), "case names must be distinct"

# Sent through the real upload, with every page of both users checked afterwards: at least one
# of each kind of attack. The other cases go to the import service, the code under the view,
# with the same checks on the rows but no pages, so the suite stays fast.
THROUGH_THE_VIEW = {
    # foreign ids and unknown keys, on every record type
    "file_owner_id",
    "account_id",
    "profile_user_id",
    "profile_calendar_token",
    "course_owner_id",
    "course_pk",
    "course_drug_id",
    "course_unknown_key_with_nul",
    "dose_course_id",
    "dose_id",
    "dose_form_token",
    "plan_course_id",
    "step_plan_id",
    "checkin_owner_id",
    "checkin_symptom_ids",
    "comed_owner_id",
    "comed_drug_id",
    # wrong JSON types, missing fields
    "top_level_list",
    "courses_object",
    "doses_text",
    "dose_amount_list",
    "dose_amount_true",
    "checkin_symptoms_as_ids",
    "comed_name_null",
    "dose_without_amount",
    # amounts
    "dose_1e20_mg",
    "course_mg_1e20",
    "dose_negative",
    "dose_zero",
    "step_mg_above_ceiling",
    "course_intakes_13",
    "dose_nan_literal",
    # dates
    "course_start_9999",
    "course_start_0001",
    "dose_taken_9999",
    "dose_taken_0001",
    "step_start_9999",
    "comed_start_0001",
    "comed_stop_9999",
    # text
    "dose_note_1mb",
    "course_notes_1mb",
    "dose_note_nul",
    "dose_note_lone_surrogate",
    "dose_note_control_characters",
    "comed_note_markup_and_sql",
    # references
    "unknown_drug",
    "symptom_that_does_not_exist",
    "symptom_of_another_drug",
    "two_active_courses_of_one_drug",
    # files no export can be
    "empty_file",
    "truncated_json",
    "latin_1_file",
    "six_megabytes",
    "deep_nesting_beyond_the_parser",
    "deep_nesting_in_a_record",
    "duplicate_key_in_a_dose",
    "wrong_format",
    "valid_export_of_another_account",
}
assert {c.name for c in CASES} >= THROUGH_THE_VIEW
FILES = [c for c in CASES if c.name in THROUGH_THE_VIEW]
MORE_FILES = [c for c in CASES if c.name not in THROUGH_THE_VIEW]
