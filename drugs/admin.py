import io

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from drugs.admin_forms import (
    REASON_FIELD,
    CombinationForm,
    DrugFactForm,
    DrugForm,
    EmergencyNumbersForm,
    FactInlineForm,
    FactInlineFormSet,
    ImportForm,
    InteractionForm,
    ProductForm,
)
from drugs.changes import reference_changed
from drugs.importer import run_import
from drugs.models import (
    Combination,
    CombinationMember,
    Drug,
    DrugAlias,
    DrugClass,
    DrugFact,
    EmergencyNumbers,
    Interaction,
    Product,
    ProductName,
    Source,
)
from drugs.protection import patient_records_touched_by_deleting, retire_instead


class ReferenceAdmin(SimpleHistoryAdmin):
    """History, a reason kept with each edit, no delete of what patients' records use, and every
    change announced (drugs/changes.py) so no cached page outlives it."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        uses = patient_records_touched_by_deleting(objs)
        if uses:
            # Counts only: the default list would name patients' entries to the editor.
            protected = retire_instead(uses)
            counts = {name: n for name, n in counts.items() if name not in uses}
        return deleted, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get(REASON_FIELD) or None
        super().save_model(request, obj, form, change)
        reference_changed()  # a history revert saves through here alone

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        reference_changed()  # classes, aliases, facts and members are saved here

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        reference_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        reference_changed()

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get(REASON_FIELD) or None
        for inline_form in formset.forms:
            inline_form.instance._change_reason = reason
        super().save_formset(request, form, formset, change)


class DrugAliasInline(admin.TabularInline):
    model = DrugAlias
    extra = 1


class DrugFactInline(admin.TabularInline):
    model = DrugFact
    form = FactInlineForm
    formset = FactInlineFormSet
    extra = 1
    fields = ["kind", "text", "urgent", "source", "position", "active"]


@admin.register(Drug)
class DrugAdmin(ReferenceAdmin):
    form = DrugForm
    list_display = [
        "generic_name",
        "brand_names",
        "schedule",
        "kind",
        "rxcui",
        "has_limits",
        "active",
    ]
    list_filter = ["active", "classes", "schedule", "kind", "taper_advised"]
    search_fields = ["generic_name", "aliases__name", "rxcui"]
    prepopulated_fields = {"slug": ["generic_name"]}
    filter_horizontal = ["classes", "sources"]
    inlines = [DrugAliasInline, DrugFactInline]
    readonly_fields = ["interactions_of_this_drug"]
    fieldsets = [
        (
            None,
            {"fields": ["generic_name", "slug", "rxcui", "kind", "schedule", "classes", "active"]},
        ),
        (
            "Description",
            {
                "fields": [
                    "mechanism",
                    "primary_use",
                    "routes",
                    "typical_duration",
                    "abuse_potential",
                    "withdrawal_risk",
                ]
            },
        ),
        (
            "Dose limits",
            {
                "fields": [
                    "dose_min_mg",
                    "dose_max_mg",
                    "max_daily_mg",
                    "min_hours_between",
                    "max_intakes_per_day",
                    "impossible_multiple",
                    "limits_source",
                ]
            },
        ),
        (
            "Course limits and taper",
            {
                "fields": [
                    "course_caution_day",
                    "course_limit_day",
                    "course_hard_limit_day",
                    "course_limit_reason",
                    "taper_advised",
                    "taper_threshold_days",
                    "taper_default_days",
                    "taper_step_days",
                ]
            },
        ),
        ("Sources", {"fields": ["sources", "app_defaults", "interactions_of_this_drug"]}),
        ("Reason for the change", {"fields": [REASON_FIELD]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="Brand names and aliases")
    def brand_names(self, drug):
        return ", ".join(alias.name for alias in drug.aliases.all())

    @admin.display(boolean=True, description="Course limits")
    def has_limits(self, drug):
        return drug.has_course_limit

    @admin.display(description="Interactions (rules naming this drug or its classes)")
    def interactions_of_this_drug(self, drug):
        if not drug.pk:
            return "-"
        class_ids = list(drug.classes.values_list("id", flat=True))
        rules = Interaction.objects.touching([drug.pk], class_ids)
        if not rules:
            return "None in the reference data."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (reverse("admin:drugs_interaction_change", args=[rule.pk]), str(rule))
                    for rule in rules
                ),
            ),
        )


@admin.register(DrugClass)
class DrugClassAdmin(ReferenceAdmin):
    list_display = ["name", "slug", "source"]
    search_fields = ["name", "drugs__generic_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(DrugAlias)
class DrugAliasAdmin(ReferenceAdmin):
    list_display = ["name", "drug", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "drug__generic_name"]
    list_select_related = ["drug"]


@admin.register(DrugFact)
class DrugFactAdmin(ReferenceAdmin):
    form = DrugFactForm
    list_display = ["text", "drug", "kind", "urgent", "source", "active"]
    list_filter = ["active", "kind", "urgent", "source"]
    search_fields = ["text", "drug__generic_name"]
    list_select_related = ["drug", "source"]


class SideFilter(admin.SimpleListFilter):
    title = "drug or class (either side)"
    parameter_name = "side"

    def lookups(self, request, model_admin):
        return [(c.slug, c.name) for c in DrugClass.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(Q(class_a__slug=self.value()) | Q(class_b__slug=self.value()))
        return queryset


@admin.register(Interaction)
class InteractionAdmin(ReferenceAdmin):
    form = InteractionForm
    change_list_template = "admin/drugs/interaction/change_list.html"

    def get_urls(self):
        extra = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="drugs_interaction_import",
            )
        ]
        return extra + super().get_urls()

    def import_view(self, request):
        """Import a CSV of drugs, aliases, classes and rules (up to REFERENCE_IMPORT_MAX_BYTES):
        every row checked before any is written, with a report of the bad ones."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            text = io.TextIOWrapper(
                upload.file, encoding="utf-8-sig", errors="surrogateescape", newline=""
            )
            try:
                report = run_import(text, user=request.user)
            finally:
                text.detach()  # the upload closes its own file
            if report.ok:
                messages.success(
                    request, f"Imported. Created: {report.created}. Updated: {report.updated}."
                )
                return redirect("admin:drugs_interaction_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Import reference data from CSV",
            "form": form,
            "report": report,
            "max_bytes": settings.REFERENCE_IMPORT_MAX_BYTES,
            "opts": self.model._meta,
        }
        return render(request, "admin/drugs/interaction/import.html", context)

    list_display = ["__str__", "severity", "evidence", "source"]
    list_filter = ["severity", "evidence", "source", SideFilter]
    search_fields = [
        "drug_a__generic_name",
        "drug_b__generic_name",
        "class_a__name",
        "class_b__name",
        "drug_a__aliases__name",
        "drug_b__aliases__name",
        "effect",
    ]
    list_select_related = ["drug_a", "drug_b", "class_a", "class_b", "source"]
    autocomplete_fields = ["drug_a", "drug_b", "class_a", "class_b"]
    fields = [
        ("drug_a", "class_a"),
        ("drug_b", "class_b"),
        "severity",
        "effect",
        "advice",
        "evidence",
        "source",
        REASON_FIELD,
    ]


@admin.register(EmergencyNumbers)
class EmergencyNumbersAdmin(ReferenceAdmin):
    """Numbers the pages offer a patient whose time zone lies in the country."""

    form = EmergencyNumbersForm
    list_display = [
        "country_name",
        "country_code",
        "emergency_number",
        "poison_help_number",
        "cited",
        "poison_help_source",
    ]
    search_fields = ["country_name", "country_code"]
    list_select_related = ["source", "poison_help_source"]


@admin.register(Source)
class SourceAdmin(ReferenceAdmin):
    list_display = ["key", "title", "publisher", "identifier"]
    search_fields = ["key", "title", "identifier"]


class CombinationMemberInline(admin.TabularInline):
    model = CombinationMember
    extra = 1
    autocomplete_fields = ["drug", "drug_class"]


@admin.register(Combination)
class CombinationAdmin(ReferenceAdmin):
    form = CombinationForm
    list_display = ["name", "severity", "evidence", "source"]
    list_filter = ["severity", "evidence"]
    search_fields = ["name", "effect"]
    inlines = [CombinationMemberInline]


class ProductNameInline(admin.TabularInline):
    model = ProductName
    extra = 1
    verbose_name_plural = "other names a patient may type (“Tylenol 3”, “Talwin NX”)"


@admin.register(Product)
class ProductAdmin(ReferenceAdmin):
    form = ProductForm
    list_display = ["name", "ingredient_names", "other_name_list", "source", "active"]
    list_filter = ["active", "source"]
    search_fields = ["name", "other_names__name", "ingredients__generic_name", "label_set_id"]
    list_select_related = ["source"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["ingredients"]
    inlines = [ProductNameInline]
    fields = ["name", "slug", "ingredients", "source", "label_set_id", "active"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("ingredients", "other_names")

    @admin.display(description="Ingredients")
    def ingredient_names(self, product):
        return " + ".join(drug.generic_name for drug in product.ingredients.all())

    @admin.display(description="Other names")
    def other_name_list(self, product):
        return ", ".join(name.name for name in product.other_names.all())
