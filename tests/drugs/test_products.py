"""Products on the public pages and in the admin: a drug page lists the products that contain
the drug, a class page its members' products, the search finds products by any of their names,
a product page lists its ingredients and their rules; an editor adds a product in the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from drugs.models import Drug, Product, ProductName, ReferenceVersion, Source
from drugs.name_rows import name_rows
from tests.drugs.admin_posts import admin_save
from tests.factories import DrugAliasFactory, DrugClassFactory, DrugFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _product(name: str, *ingredients: Drug, **fields) -> Product:
    product = Product.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), source=SourceFactory(), **fields
    )
    product.ingredients.set(ingredients)
    return product


def _html(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_drug_page_lists_its_products_with_their_other_ingredients(client):
    html = _html(client, reverse("drugs:detail", args=["hydrocodone"]))
    norco = Product.objects.get(name="Norco")
    acetaminophen = Drug.objects.get(slug="acetaminophen")
    assert "Products that contain hydrocodone" in html
    assert f'<a href="{norco.get_absolute_url()}">Norco</a>' in html
    assert f'<a href="{acetaminophen.get_absolute_url()}">acetaminophen</a>' in html
    assert "Hysingla ER" in html and "Tussionex" in html and "chlorpheniramine" in html


def test_the_drug_page_leaves_out_retired_products(client):
    Product.objects.filter(name="Norco").update(active=False)
    html = _html(client, reverse("drugs:detail", args=["hydrocodone"]))
    assert "Norco" not in html and "Vicodin" in html


def test_a_drug_sold_in_no_product_says_nothing_about_products(client):
    html = _html(client, reverse("drugs:detail", args=["levorphanol"]))
    assert "Products that contain" not in html


def test_the_class_page_lists_every_member_and_their_products(client):
    html = _html(client, reverse("drugs:class_detail", args=["opioid"]))
    for name in ["hydrocodone", "tapentadol", "oliceridine", "Nucynta", "Percocet", "Olinvyk"]:
        assert name in html, name
    members = client.get(reverse("drugs:class_detail", args=["opioid"])).context["members"]
    opioid_members = set(Drug.objects.filter(classes__slug="opioid").values_list("pk", flat=True))
    assert {drug.pk for drug, _ in members} == opioid_members


def test_the_search_finds_a_product_and_links_to_its_ingredients(client):
    response = client.get(reverse("drugs:list"), {"q": "percocet"})
    html = response.content.decode()
    assert [p.name for p in response.context["products"]] == ["Percocet"]
    assert Product.objects.get(name="Percocet").get_absolute_url() in html
    for slug in ["oxycodone", "acetaminophen"]:
        assert Drug.objects.get(slug=slug).get_absolute_url() in html
    assert "No drug matches" not in html


def test_the_search_finds_a_product_by_another_of_its_names(client):
    response = client.get(reverse("drugs:list"), {"q": "talwin nx"})
    assert [p.name for p in response.context["products"]] == ["Talwin"]


def test_the_search_for_soma_still_lists_carisoprodol_alone_and_its_products(client):
    response = client.get(reverse("drugs:list"), {"q": "soma"})
    assert [d.slug for d in response.context["page"]] == ["carisoprodol"]
    assert [p.name for p in response.context["products"]] == [
        "Soma",
        "Soma Compound",
        "Soma Compound with Codeine",
    ]


def test_the_product_page_lists_its_ingredients_and_their_rules(client):
    html = _html(client, reverse("drugs:product_detail", args=["percocet"]))
    assert "Contains" in html and "oxycodone" in html and "acetaminophen" in html
    assert "Each ingredient is checked for interactions on its own" in html
    assert "carisoprodol" in html and "Major" in html  # oxycodone, as an opioid
    assert "No interaction found in our reference data" in html  # acetaminophen
    assert "FDA-2016-OPIOID-BENZO" in html


def test_a_product_page_names_its_label(client):
    html = _html(client, reverse("drugs:product_detail", args=["tylenol-3"]))
    assert "TYLENOL-CODEINE-LABEL" in html and "936e481e-f46c-4e03-b8e3-25961cda1909" in html
    assert "Tylenol with Codeine #3" in html


def test_an_unknown_product_is_a_404(client):
    assert client.get(reverse("drugs:product_detail", args=["nonesuch"])).status_code == 404


def test_suggestions_offer_products_with_their_ingredients(client):
    results = client.get(reverse("drugs:suggest"), {"q": "percoc"}).json()["results"]
    assert {"value": "Percocet", "label": "Percocet (acetaminophen + oxycodone)"} in results
    results = client.get(reverse("drugs:suggest"), {"q": "tylenol 3"}).json()["results"]
    assert results[0]["label"] == "Tylenol 3 (Tylenol #3: acetaminophen + codeine)"


def test_a_name_that_is_both_a_brand_and_a_product_is_suggested_once(client):
    results = client.get(reverse("drugs:suggest"), {"q": "xanax"}).json()["results"]
    assert [r["value"] for r in results].count("Xanax") == 1


def test_a_product_with_a_retired_ingredient_is_not_suggested_or_found(client):
    Drug.objects.filter(slug="oxycodone").update(active=False)
    results = client.get(reverse("drugs:suggest"), {"q": "percoc"}).json()["results"]
    assert results == []
    assert client.get(reverse("drugs:list"), {"q": "percocet"}).context["products"] == []


def _cold_count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_product_lists_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    # Guards the N+1 of products per drug and of ingredients per product on every page that
    # lists products: drug, class, search and product page.
    carisoprodol = Drug.objects.get(slug="carisoprodol")
    drug_class = DrugClassFactory()
    carisoprodol.classes.add(drug_class)
    urls = [
        reverse("drugs:detail", args=["carisoprodol"]),
        reverse("drugs:class_detail", args=[drug_class.slug]),
        reverse("drugs:list") + "?q=soma",
        reverse("drugs:product_detail", args=["soma-compound"]),
    ]
    before = [_cold_count(client, url, django_assert_max_num_queries, 10) for url in urls]
    for n in range(12):
        other = DrugFactory(classes=[drug_class])
        DrugAliasFactory(drug=other)
        _product(f"Soma test {n}", carisoprodol, other, DrugFactory())
        ProductName.objects.create(product=Product.objects.get(name="Soma Compound"), name=f"SC{n}")
    after = [_cold_count(client, url, django_assert_max_num_queries, 10) for url in urls]
    assert after == before


def test_an_editor_adds_a_product_with_its_ingredients_and_another_name(editor_client):
    version = ReferenceVersion.current()
    oxycodone, ibuprofen = Drug.objects.get(slug="oxycodone"), Drug.objects.get(slug="ibuprofen")
    response = editor_client.post(
        reverse("admin:drugs_product_add"),
        {
            "name": "Combunox",
            "slug": "combunox",
            "ingredients": [oxycodone.pk, ibuprofen.pk],
            "source": Source.objects.get(key="FDA-2016-OPIOID-BENZO").pk,
            "label_set_id": "",
            "active": "on",
            "other_names-TOTAL_FORMS": "1",
            "other_names-INITIAL_FORMS": "0",
            "other_names-0-name": "Combunox tablets",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    product = Product.objects.get(name="Combunox")
    assert set(product.ingredients.all()) == {oxycodone, ibuprofen}
    assert list(product.other_names.values_list("name", flat=True)) == ["Combunox tablets"]
    assert ReferenceVersion.current() > version
    assert product.history.latest().ingredients.count() == 2  # the history keeps them


def test_a_product_needs_at_least_one_ingredient(editor_client):
    response = editor_client.post(
        reverse("admin:drugs_product_add"),
        {
            "name": "Emptyco",
            "slug": "emptyco",
            "source": Source.objects.get(key="RXNORM").pk,
            "active": "on",
            "other_names-TOTAL_FORMS": "0",
            "other_names-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "at least one" in response.content.decode()
    assert not Product.objects.filter(name="Emptyco").exists()


def test_a_product_name_is_unique_whatever_its_case(editor_client):
    response = editor_client.post(
        reverse("admin:drugs_product_add"),
        {
            "name": "PERCOCET",
            "slug": "percocet-again",
            "ingredients": [Drug.objects.get(slug="oxycodone").pk],
            "source": Source.objects.get(key="RXNORM").pk,
            "active": "on",
            "other_names-TOTAL_FORMS": "0",
            "other_names-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Another product already has this name" in response.content.decode()


def test_an_editor_retires_a_product_and_the_version_moves(editor_client, client):
    version = ReferenceVersion.current()
    norco = Product.objects.get(name="Norco")
    response = admin_save(editor_client, norco, active="")
    assert response.status_code == 302, response.content.decode()[:3000]
    norco.refresh_from_db()
    assert not norco.active
    assert ReferenceVersion.current() > version
    assert client.get(reverse("drugs:list"), {"q": "norco"}).context["products"] == []


def test_the_product_list_searches_other_names_and_ingredients(editor_client):
    url = reverse("admin:drugs_product_changelist")
    found = editor_client.get(url, {"q": "Tylenol with Codeine #3"}).context["cl"].result_list
    assert [p.name for p in found] == ["Tylenol #3"]
    found = editor_client.get(url, {"q": "benzhydrocodone"}).context["cl"].result_list
    assert [p.name for p in found] == ["Apadaz"]


def test_a_patient_cannot_reach_the_product_admin(owner_client):
    response = owner_client.get(reverse("admin:drugs_product_changelist"))
    assert response.status_code == 302


def test_an_anonymous_visitor_reads_every_product_page():
    visitor = Client()
    for product in Product.objects.all():
        assert visitor.get(product.get_absolute_url()).status_code == 200, product.name


def test_another_name_an_editor_adds_is_a_name_patients_can_type(editor_client):
    percocet = Product.objects.get(name="Percocet")
    changes = {"other_names-TOTAL_FORMS": "1", "other_names-0-name": "Percocet 5/325 tablets"}
    assert admin_save(editor_client, percocet, **changes).status_code == 302
    rows = {row.name: row for row in name_rows()}
    assert rows["Percocet 5/325 tablets"].ingredients == {"oxycodone", "acetaminophen"}
    assert rows["Percocet 5/325 tablets"].display == "Percocet"
