"""Hostile files that change one field of one record of the victim's valid export (or repeat
a record): foreign ids, wrong JSON types, amounts, dates, text and references."""

from tests.security.hostile_imports.cases import (
    TARGETS,
    Victim,
    changed,
    copy_of,
    dumps,
    raw,
    removed,
    unknown,
)

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
raw("top_level_list", "not an export of this app", lambda v: dumps([v.export]))
raw("top_level_string", "not an export of this app", lambda v: dumps("course-tracker-export"))
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
    lambda v: dumps(v.export).replace(b'"amount_mg": "350.00"', b'"amount_mg": NaN', 1),
)
raw(
    "dose_infinity_literal",
    "not a number an export can have",
    lambda v: dumps(v.export).replace(b'"amount_mg": "350.00"', b'"amount_mg": -Infinity', 1),
)
raw(
    "dose_5000_digit_integer",
    "not a JSON export",
    lambda v: dumps(v.export).replace(b'"amount_mg": "350.00"', b'"amount_mg": ' + b"9" * 5000),
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
# An edit before the record was added: no export of this app has one (each is stamped by it).
EDITED_FIRST = "2001-01-01T00:00:00+00:00"
changed("dose_edited_before_added", "dose", "edited_at", EDITED_FIRST, "before its created_at")
changed(
    "comed_edited_before_added", "comedication", "edited_at", EDITED_FIRST, "before its created_at"
)
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
    data = copy_of(victim)
    data["courses"].append(data["courses"][0])
    return dumps(data)


def _nine_steps(victim: Victim) -> bytes:
    data = copy_of(victim)
    TARGETS["plan"](data)["steps"] *= 5
    return dumps(data)


raw("two_active_courses_of_one_drug", "two active courses", _two_active_courses)
raw("ten_taper_steps", "at most 8 steps", _nine_steps)
