"""Hostile export files, one named case each.

Most cases change one thing in a valid export (the victim's own, so every date and symptom in
it is real); the rest are raw bytes no export can be. Each case says whether the import must
refuse it, and a fragment of the message the form must show; a few must import, cleaned.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Victim:
    """The second user's ids and export, which hostile files point at or start from."""

    export: dict
    user_id: int
    course_id: int
    dose_id: int
    dose_token: str
    plan_id: int
    step_id: int
    checkin_id: int
    comed_id: int
    fact_ids: list[int]
    calendar_token: str
    foreign_symptom: list[str]  # a real symptom of another drug
    not_a_symptom: list[str]  # a real fact of the course drug that is not a symptom (advice)
    other_drug: str  # a real drug that no course can be started with


@dataclass(frozen=True)
class Case:
    name: str
    body: Callable[[Victim], bytes]
    says: str = ""  # a fragment of the refusal the form shows
    accepted: bool = False  # the file imports: only into the importer, cleaned as the app does
    checks: dict = field(default_factory=dict)  # for an accepted file: values of its first dose


CASES: list[Case] = []


def _dumps(data) -> bytes:
    return json.dumps(data).encode()  # escapes what is not ASCII: even lone surrogates


def _copy(victim: Victim) -> dict:
    return json.loads(json.dumps(victim.export))


# Where a change goes: the first record of each kind in the victim's export.
TARGETS = {
    "file": lambda d: d,
    "account": lambda d: d["account"],
    "profile": lambda d: d["profile"],
    "course": lambda d: d["courses"][0],
    "dose": lambda d: d["courses"][0]["doses"][0],
    "plan": lambda d: d["courses"][0]["taper_plan"],
    "step": lambda d: d["courses"][0]["taper_plan"]["steps"][0],
    "checkin": lambda d: d["courses"][0]["checkins"][0],
    "comedication": lambda d: d["comedications"][0],
}
WHERE = {
    "file": "The file",
    "account": "Account",
    "profile": "Profile",
    "course": "Course 1",
    "dose": "Course 1, dose 1",
    "plan": "Course 1, taper plan",
    "step": "Course 1, taper step 1",
    "checkin": "Course 1, check-in 1",
    "comedication": "Co-medication 1",
}


def changed(name: str, target: str, key: str, value, says: str = "", **kwargs) -> None:
    """Register a case setting one field of one record; value may be a function of the victim."""

    def body(victim: Victim) -> bytes:
        data = _copy(victim)
        TARGETS[target](data)[key] = value(victim) if callable(value) else value
        return _dumps(data)

    CASES.append(Case(name, body, says.replace("{where}", WHERE[target]), **kwargs))


def removed(name: str, target: str, key: str) -> None:
    def body(victim: Victim) -> bytes:
        data = _copy(victim)
        del TARGETS[target](data)[key]
        return _dumps(data)

    CASES.append(Case(name, body, f"{WHERE[target]}: missing field “{key}”."))


def raw(name: str, says: str, build: Callable[[Victim], bytes]) -> None:
    CASES.append(Case(name, build, says))


def unknown(key: str) -> str:
    return f"{{where}}: unknown field “{key}”."


# Foreign ids on every record type: each is an unknown field, never a key into the database.
changed("file_owner_id", "file", "owner_id", lambda v: v.user_id, unknown("owner_id"))
changed("file_user_id", "file", "user_id", lambda v: v.user_id, unknown("user_id"))
changed("account_id", "account", "id", lambda v: v.user_id, unknown("id"))
changed("account_is_superuser", "account", "is_superuser", True, unknown("is_superuser"))
changed("profile_user_id", "profile", "user_id", lambda v: v.user_id, unknown("user_id"))
changed(
    "profile_calendar_token",
    "profile",
    "calendar_token",
    lambda v: v.calendar_token,
    unknown("calendar_token"),
)
changed("profile_data_version", "profile", "data_version", 0, unknown("data_version"))
changed("course_owner_id", "course", "owner_id", lambda v: v.user_id, unknown("owner_id"))
changed("course_owner", "course", "owner", lambda v: v.user_id, unknown("owner"))
changed("course_id", "course", "id", lambda v: v.course_id, unknown("id"))
changed("course_pk", "course", "pk", lambda v: v.course_id, unknown("pk"))
changed("course_drug_id", "course", "drug_id", 1, unknown("drug_id"))
changed("dose_course_id", "dose", "course_id", lambda v: v.course_id, unknown("course_id"))
changed("dose_id", "dose", "id", lambda v: v.dose_id, unknown("id"))
changed("dose_form_token", "dose", "form_token", lambda v: v.dose_token, unknown("form_token"))
changed("plan_course_id", "plan", "course_id", lambda v: v.course_id, unknown("course_id"))
changed("plan_id", "plan", "id", lambda v: v.plan_id, unknown("id"))
changed("step_plan_id", "step", "plan_id", lambda v: v.plan_id, unknown("plan_id"))
changed("step_plan", "step", "plan", lambda v: v.plan_id, unknown("plan"))
changed("step_id", "step", "id", lambda v: v.step_id, unknown("id"))
changed("checkin_owner_id", "checkin", "owner_id", lambda v: v.user_id, unknown("owner_id"))
changed("checkin_course_id", "checkin", "course_id", lambda v: v.course_id, unknown("course_id"))
changed("checkin_id", "checkin", "id", lambda v: v.checkin_id, unknown("id"))
changed(
    "checkin_symptom_ids", "checkin", "symptom_ids", lambda v: v.fact_ids, unknown("symptom_ids")
)
changed(
    "checkin_symptoms_as_ids",
    "checkin",
    "symptoms",
    lambda v: v.fact_ids,
    "{where}: “symptoms” should be a list of [drug, kind, text] lists",
)
changed("comed_owner_id", "comedication", "owner_id", lambda v: v.user_id, unknown("owner_id"))
changed("comed_id", "comedication", "id", lambda v: v.comed_id, unknown("id"))
changed("comed_drug_id", "comedication", "drug_id", 1, unknown("drug_id"))
changed("course_unknown_key_with_nul", "course", "notes\x00", "x", unknown("notes?"))
changed("comed_is_staff", "comedication", "is_staff", True, unknown("is_staff"))

# Values of the wrong JSON type.
raw("top_level_list", "not an export of this app", lambda v: _dumps([v.export]))
raw("top_level_string", "not an export of this app", lambda v: _dumps("course-tracker-export"))
raw("top_level_null", "not an export of this app", lambda v: b"null")
changed("courses_object", "file", "courses", {}, "“courses” should be a list of objects")
changed("courses_text", "file", "courses", "all", "“courses” should be a list of objects")
changed("course_is_list", "file", "courses", [[1, 2]], "“courses” should be a list of objects")
changed("profile_list", "file", "profile", [], "“profile” should be an object, not a list")
changed("doses_text", "course", "doses", "many", "“doses” should be a list of objects")
changed("dose_amount_list", "dose", "amount_mg", [350], "“amount_mg” should be a number")
changed("dose_amount_object", "dose", "amount_mg", {"$gt": 0}, "“amount_mg” should be a number")
changed("dose_amount_true", "dose", "amount_mg", True, "“amount_mg” should be a number")
changed("dose_note_number", "dose", "note", 7, "“note” should be text, not a number")
changed("course_intakes_text", "course", "intakes_per_day", "4", "should be a whole number")
changed("course_intakes_float", "course", "intakes_per_day", 4.5, "should be a whole number")
changed("dose_times_text", "profile", "dose_times", "08:00", "“dose_times” should be a list")
changed("dose_times_nested", "profile", "dose_times", [["08:00"]], "a list holding other")
changed("checkin_symptoms_objects", "checkin", "symptoms", [{"id": 1}], "a list holding other")
changed("comed_name_null", "comedication", "name", None, "“name” should be text, not null")
changed("taper_plan_list", "course", "taper_plan", [], "“taper_plan” should be an object")
changed("step_mg_nested", "step", "mg_per_intake", [[[1]]], "“mg_per_intake” should be a number")
changed("safety_items_text", "course", "safety_items_confirmed", "yes", "should be a list of")
changed("version_true", "file", "version", True, "“version” should be a whole number")
changed("doses_null", "course", "doses", None, "“doses” should be a list of objects")

removed("course_without_doses", "course", "doses")
removed("dose_without_amount", "dose", "amount_mg")
removed("file_without_profile", "file", "profile")

# Amounts outside the forms' bounds.
changed("dose_1e20_mg", "dose", "amount_mg", 1e20, "{where}, amount_mg:")
changed("dose_1e20_mg_text", "dose", "amount_mg", "1e20", "{where}, amount_mg:")
changed("dose_huge_integer", "dose", "amount_mg", 10**30, "{where}, amount_mg:")
changed("dose_negative", "dose", "amount_mg", "-350", "more than 0")
changed("dose_zero", "dose", "amount_mg", 0, "more than 0")
changed("dose_nan_text", "dose", "amount_mg", "NaN", "{where}, amount_mg: Enter a number.")
changed("dose_tiny", "dose", "amount_mg", "1e-30", "{where}, amount_mg:")
changed("dose_typo_3500_mg", "dose", "amount_mg", "3501", "more than 10 times")
changed("course_mg_1e20", "course", "mg_per_intake", 1e20, "{where}, mg_per_intake:")
changed("course_mg_zero", "course", "mg_per_intake", "0", "{where}, mg_per_intake:")
changed("course_mg_above_ceiling", "course", "mg_per_intake", "200000", "{where}, mg_per_intake:")
changed("course_tablet_negative", "course", "tablet_mg", "-1", "{where}, tablet_mg:")
changed("course_intakes_zero", "course", "intakes_per_day", 0, "{where}, intakes_per_day:")
changed("course_intakes_13", "course", "intakes_per_day", 13, "{where}, intakes_per_day:")
changed("course_tablets_huge", "course", "tablets_dispensed", 10**12, "{where}, tablets_dispens")
changed("step_mg_negative", "step", "mg_per_intake", "-5", "cannot be negative")
changed("step_mg_above_ceiling", "step", "mg_per_intake", "500000", "{where}, mg_per_intake:")
changed("step_intakes_99", "step", "intakes_per_day", 99, "{where}, intakes_per_day:")
changed("step_raises_the_dose", "step", "mg_per_intake", "9000", "A taper only goes down")
raw(
    "dose_nan_literal",
    "not a number an export can have",
    lambda v: _dumps(v.export).replace(b'"amount_mg": "350.00"', b'"amount_mg": NaN', 1),
)
raw(
    "dose_infinity_literal",
    "not a number an export can have",
    lambda v: _dumps(v.export).replace(b'"amount_mg": "350.00"', b'"amount_mg": -Infinity', 1),
)
raw(
    "dose_5000_digit_integer",
    "not a JSON export",
    lambda v: _dumps(v.export).replace(b'"amount_mg": "350.00"', b'"amount_mg": ' + b"9" * 5000),
)

# Dates and times outside a sane window, or no date at all.
changed("course_start_9999", "course", "start_date", "9999-12-31", "{where}, start_date:")
changed("course_start_0001", "course", "start_date", "0001-01-01", "1 January 2000")
changed("course_start_1999", "course", "start_date", "1999-12-31", "1 January 2000")
changed("course_start_feb_30", "course", "start_date", "2026-02-30", "{where}, start_date:")
changed("course_start_words", "course", "start_date", "yesterday", "{where}, start_date:")
changed("course_end_9999", "course", "end_date", "9999-12-31", "active course has no end date")
changed("course_created_9999", "course", "created_at", "9999-12-31T00:00:00", "and now")
changed("dose_taken_9999", "dose", "taken_at", "9999-12-31T23:59:59-14:00", "in the future")
changed("dose_taken_0001", "dose", "taken_at", "0001-01-01T00:00:00+14:00", "1 January 2000")
changed("dose_taken_1999", "dose", "taken_at", "1999-12-31T23:00:00+00:00", "1 January 2000")
changed("dose_created_0001", "dose", "created_at", "0001-01-01T00:00:00", "and now")
changed("dose_edited_9999", "dose", "edited_at", "9999-01-01T00:00:00+00:00", "and now")
changed("step_start_9999", "step", "start_date", "9999-12-31", "at most a year ahead")
changed("step_start_0001", "step", "start_date", "0001-01-01", "before the course did")
changed("checkin_recorded_9999", "checkin", "recorded_at", "9999-12-31T00:00:00Z", "and now")
changed("checkin_recorded_0001", "checkin", "recorded_at", "0001-01-01T00:00:00Z", "and now")
changed("comed_start_0001", "comedication", "start_date", "0001-01-01", "1 January 2000")
changed("comed_stop_9999", "comedication", "stop_date", "9999-12-31", "a year from today")
changed("profile_zone_mars", "profile", "time_zone", "Mars/Olympus", "Profile, time_zone:")
changed("profile_dose_time_25_61", "profile", "dose_times", ["25:61"], "is not a time")
changed(
    "profile_13_dose_times",
    "profile",
    "dose_times",
    [f"{h:02}:00" for h in range(13)],
    "at most 12 dose times",
)

# Text: too long, NUL and control characters, invalid Unicode.
MEGABYTE = "x" * (1024 * 1024)
changed("dose_note_1mb", "dose", "note", MEGABYTE, "{where}, note:")
changed("course_notes_1mb", "course", "notes", MEGABYTE, "{where}, notes:")
changed("comed_name_1mb", "comedication", "name", MEGABYTE, "{where}, name:")
changed("safety_item_1mb", "course", "safety_items_confirmed", [MEGABYTE], "500 characters")
changed("dose_note_nul", "dose", "note", "a\x00b", "Null characters are not allowed.")
changed("course_prescriber_nul", "course", "prescriber", "Dr\x00", "Null characters")
changed("comed_name_nul", "comedication", "name", "\x00", "Null characters")
changed("safety_item_nul", "course", "safety_items_confirmed", ["ok\x00"], "Null characters")
changed("drug_slug_nul", "course", "drug", "carisoprodol\x00", "no course drug “carisoprodol?”")
changed("dose_note_lone_surrogate", "dose", "note", "\ud800", "not valid Unicode")
changed(
    "dose_note_control_characters",
    "dose",
    "note",
    "\x07\x1b[2Jbell\x08",
    accepted=True,
    checks={"note": "[2Jbell"},
)
changed(
    "comed_note_markup_and_sql",
    "comedication",
    "note",
    "<script>alert(1)</script>'; DROP TABLE tracker_dose; --",
    accepted=True,
)

# References to things this install does not have.
changed("unknown_drug", "course", "drug", "no-such-drug", "no course drug “no-such-drug”")
changed("drug_without_course_limits", "course", "drug", lambda v: v.other_drug, "no course drug")
changed("comed_unknown_drug", "comedication", "drug", "no-such-drug", "no drug “no-such-drug”")
changed(
    "symptom_that_does_not_exist",
    "checkin",
    "symptoms",
    [["carisoprodol", "withdrawal", "Feeling invincible"]],
    "symptom 1 (“Feeling invincible”) is not one of the symptoms",
)
changed(
    "symptom_of_another_drug",
    "checkin",
    "symptoms",
    lambda v: [v.foreign_symptom],
    "is not one of the symptoms this install lists for carisoprodol",
)
changed(
    "fact_that_is_not_a_symptom",
    "checkin",
    "symptoms",
    lambda v: [v.not_a_symptom],
    "is not one of the symptoms",
)
changed("symptom_too_short", "checkin", "symptoms", [["carisoprodol"]], "is not one of")
changed("severity_unknown", "checkin", "severity", "catastrophic", "{where}, severity:")
changed("status_unknown", "course", "status", "deleted", "{where}, status:")


def _two_active_courses(victim: Victim) -> bytes:
    data = _copy(victim)
    data["courses"].append(data["courses"][0])
    return _dumps(data)


def _nine_steps(victim: Victim) -> bytes:
    data = _copy(victim)
    TARGETS["plan"](data)["steps"] *= 5
    return _dumps(data)


raw("two_active_courses_of_one_drug", "two active courses", _two_active_courses)
raw("ten_taper_steps", "at most 8 steps", _nine_steps)

# Files no export can be.
raw("empty_file", "The submitted file is empty.", lambda v: b"")
raw("truncated_json", "not a JSON export", lambda v: _dumps(v.export)[:-40])
raw("not_json", "not a JSON export", lambda v: b"<html>hello</html>")
raw("nul_byte_before_json", "not a JSON export", lambda v: b"\x00" + _dumps(v.export))
raw(
    "latin_1_file",
    "not UTF-8",
    lambda v: json.dumps(v.export | {"x": "é"}, ensure_ascii=False).encode("latin-1"),
)
raw("utf_16_file", "not UTF-8", lambda v: json.dumps(v.export).encode("utf-16"))
raw(
    "six_megabytes",
    "larger than 5 MB",
    lambda v: _dumps(v.export)[:-1] + b" " * (6 * 1024 * 1024) + b"}",
)
raw(
    "deep_nesting_beyond_the_parser",
    "nested too deeply",
    lambda v: b'{"format": "course-tracker-export", "x": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
)


def _deep_note(victim: Victim) -> bytes:
    data = _copy(victim)
    nested = []
    for _ in range(12):
        nested = [nested]
    TARGETS["dose"](data)["note"] = nested
    return _dumps(data)


raw("deep_nesting_in_a_record", "nested too deeply", _deep_note)
raw(
    "duplicate_top_level_key",
    "repeats the field “courses”",
    lambda v: _dumps(v.export)[:-1] + b', "courses": []}',
)
raw(
    "duplicate_key_in_a_dose",
    "repeats the field “amount_mg”",
    lambda v: _dumps(v.export).replace(
        b'"amount_mg": "350.00"', b'"amount_mg": "350.00", "amount_mg": "1e20"', 1
    ),
)
changed("wrong_format", "file", "format", "other-app", "not an export of this app")
changed("version_2", "file", "version", 2, "not an export of this app")

# The victim's own export, unchanged: it imports, into the importer's account only.
CASES.append(Case("valid_export_of_another_account", lambda v: _dumps(v.export), accepted=True))
CASES.append(
    Case(
        "valid_export_with_a_byte_order_mark",
        lambda v: b"\xef\xbb\xbf" + _dumps(v.export),
        accepted=True,
    )
)

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
