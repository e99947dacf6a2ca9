"""The safety facts of the reference data: how and when to take it, missed doses, urgent
withdrawal symptoms, sources that say what they are; and the loader that brings a database
seeded before them up to date without undoing an editor's changes."""

import pytest
from django.apps import apps
from django.urls import reverse

from drugs.loading_safety import add_missing_facts, correct_source_wording, fill_new_fields
from drugs.models import Combination, Drug, DrugFact, Interaction

pytestmark = pytest.mark.django_db


def _get_model(name):
    return apps.get_model("drugs", name)


def test_timing_food_and_missed_dose_facts_name_their_sources(carisoprodol):
    facts = DrugFact.objects.filter(drug=carisoprodol, kind__in=["timing", "missed_dose"])
    texts = " ".join(facts.values_list("text", flat=True))
    assert "30 minutes to 1 hour" in texts and "4 to 6 hours" in texts
    assert "with or without food" in texts
    assert "Never take two doses at once" in texts
    assert {f.source.key for f in facts} <= {"SOMA-LABEL", "PATIENT-PAGE"}


def test_severe_withdrawal_symptoms_are_urgent_and_milder_ones_are_not(carisoprodol):
    withdrawal = DrugFact.objects.filter(drug=carisoprodol, kind="withdrawal")
    urgent = set(withdrawal.filter(urgent=True).values_list("text", flat=True))
    assert {"Hallucinations", "Psychosis"} <= urgent
    assert any(t.startswith("Seizures or convulsions") for t in urgent)
    assert not withdrawal.filter(urgent=True, text__in=["Insomnia", "Anxiety"]).exists()


def test_a_review_is_cited_as_secondary_and_the_combination_has_no_internal_note():
    cyp = Interaction.objects.filter(source__key="NCBI-CYP2C19")
    assert cyp.exists() and set(cyp.values_list("evidence", flat=True)) == {"secondary"}
    assert "Built from" not in Combination.objects.get().effect


def test_the_prescription_limits_are_reference_data_marked_as_defaults(carisoprodol):
    assert carisoprodol.max_intakes_per_day == 4  # three times a day and at bedtime
    assert carisoprodol.impossible_multiple == 4
    assert "impossible_multiple" in carisoprodol.app_defaults
    assert "max_intakes_per_day" not in carisoprodol.app_defaults


def test_the_drug_page_puts_how_to_take_it_first_with_plain_headings(client, carisoprodol):
    html = client.get(reverse("drugs:detail", args=["carisoprodol"])).content.decode()
    assert "care nows" not in html and "Advices" not in html
    assert html.index("How and when to take it") < html.index("Side effects")
    assert "If you miss a dose" in html and "Stop and seek care now</h2>" in html
    assert "(get help now)" in html  # the urgent withdrawal symptoms say so


def test_an_older_database_catches_up_and_an_editors_changes_win(carisoprodol):
    # Facts that never existed there: no row and no history.
    DrugFact.objects.filter(kind__in=["timing", "missed_dose"]).delete()
    DrugFact.history.filter(kind__in=["timing", "missed_dose"]).delete()
    DrugFact.objects.filter(kind="withdrawal").update(urgent=False)
    Drug.objects.filter(pk=carisoprodol.pk).update(
        impossible_multiple=None, max_intakes_per_day=None, app_defaults=["max_daily_mg"]
    )
    Interaction.objects.filter(source__key="NCBI-CYP2C19").update(evidence="label")
    combo = Combination.objects.get()
    Combination.objects.filter(pk=combo.pk).update(
        effect=combo.effect + " Built from the label's warnings on each pair."
    )
    edited = DrugFact.objects.get(drug=carisoprodol, kind="withdrawal", text="Psychosis")
    edited.text = "Psychosis (losing touch with reality)"  # an editor's words
    edited.save()

    add_missing_facts(_get_model)
    fill_new_fields(_get_model, ["max_intakes_per_day", "impossible_multiple"])
    correct_source_wording(_get_model)
    add_missing_facts(_get_model)  # twice changes nothing more

    carisoprodol.refresh_from_db()
    assert carisoprodol.impossible_multiple == 4 and carisoprodol.max_intakes_per_day == 4
    assert carisoprodol.app_defaults == ["max_daily_mg", "impossible_multiple"]
    assert DrugFact.objects.filter(kind="timing").count() == 4
    assert DrugFact.objects.filter(kind="missed_dose").count() == 2
    DrugFact.objects.filter(kind="missed_dose").first().delete()  # an editor deletes one
    add_missing_facts(_get_model)
    assert DrugFact.objects.filter(kind="missed_dose").count() == 1
    assert DrugFact.objects.get(drug=carisoprodol, text="Hallucinations", kind="withdrawal").urgent
    assert "Built from" not in Combination.objects.get().effect
    assert not Interaction.objects.filter(source__key="NCBI-CYP2C19", evidence="label").exists()
    # The editor's fact keeps its words, is marked urgent as the seed's was, and the seed's
    # wording does not come back beside it.
    assert DrugFact.objects.get(text="Psychosis (losing touch with reality)").urgent
    assert not DrugFact.objects.filter(text="Psychosis").exists()


def test_baclofens_withdrawal_seizures_and_hallucinations_are_urgent_too():
    withdrawal = DrugFact.objects.filter(drug__slug="baclofen", kind="withdrawal")
    assert set(withdrawal.filter(urgent=True).values_list("text", flat=True)) == {
        "Hallucinations",
        "Seizures",
    }


def test_a_class_rule_graded_by_the_app_says_so_and_never_reads_as_the_labels_grade(client):
    graded = Interaction.objects.get(drug_a__slug="carisoprodol", class_b__slug="barbiturate")
    assert graded.severity_is_app_default
    # Graded by their sources: the seed's benzodiazepine rule (SOMA-LABEL) and baclofen's.
    for sourced in [{"class_b__slug": "benzodiazepine"}, {"drug_b__slug": "baclofen"}]:
        assert not Interaction.objects.get(
            drug_a__slug="carisoprodol", **sourced
        ).severity_is_app_default
    html = client.get(reverse("drugs:detail", args=["carisoprodol"])).content.decode()
    row = html[html.index('data-counterpart="Barbiturate"') :]
    assert "Grade: app default, confirm with your prescriber" in row[: row.index("</tr>")]
    row = html[html.index('data-counterpart="Benzodiazepine"') :]
    assert "Grade: app default" not in row[: row.index("</tr>")]


def test_the_dashboard_cites_an_app_graded_rule_as_such(owner_client, owner):
    from tests.factories import CoMedicationFactory, CourseFactory

    course = CourseFactory(owner=owner)
    CoMedicationFactory(owner=owner, name="phenobarbital")  # a barbiturate: graded by the app
    data = owner_client.get(reverse("dashboard")).context["data"]
    [finding] = [f for f in data.panels[0].findings if f.code == "interaction"]
    assert "severity: app default" in finding.source
    assert course.pk


def test_the_end_of_course_advice_has_its_own_kind_and_older_databases_catch_up(carisoprodol):
    from importlib import import_module

    from drugs.models import ReferenceVersion

    migration = import_module("drugs.migrations.0017_course_end_facts")
    fact = DrugFact.objects.get(drug=carisoprodol, kind="course_end")
    assert "dispose of them safely" in fact.text and fact.source.key == "SOMA-LABEL"
    DrugFact.objects.filter(pk=fact.pk).update(kind="advice")  # as loaded before
    reworded = DrugFact.objects.create(
        drug=carisoprodol, kind="advice", text="An editor's own words.", source=fact.source
    )
    before = ReferenceVersion.current()
    migration.move_to_course_end(apps, None)
    migration.move_to_course_end(apps, None)  # twice changes nothing more
    assert DrugFact.objects.get(pk=fact.pk).kind == "course_end"
    assert DrugFact.objects.get(pk=reworded.pk).kind == "advice"
    assert DrugFact.history.filter(id=fact.pk, kind="course_end", history_type="~").exists()
    assert ReferenceVersion.current() > before
    # A twin added from the seed meanwhile: one is kept.
    DrugFact.objects.create(drug=carisoprodol, kind="advice", text=fact.text, source=fact.source)
    migration.move_to_course_end(apps, None)
    assert DrugFact.objects.filter(drug=carisoprodol, text=fact.text).count() == 1
