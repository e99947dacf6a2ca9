"""Post an admin change form as a reference editor would: what the page shows, plus changes."""

from django.urls import reverse


def _add(data: dict, name: str, bound) -> None:
    value = bound.value()  # as the widget renders it
    if value is None:
        data[name] = ""
    elif isinstance(value, bool):
        if value:
            data[name] = "on"
    elif isinstance(value, list | tuple):
        data[name] = [str(v) for v in value]
    else:
        data[name] = str(value)


def change_form_data(client, url: str, **changes) -> dict:
    """Return the data the change page at `url` posts when saved unchanged, with `changes`
    (inline fields as "<prefix>-<n>-<field>")."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = response.context["adminform"].form
    data: dict = {}
    for name in form.fields:
        _add(data, name, form[name])
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.initial_form_count())
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(formset.initial_form_count())
        for inline_form in formset.initial_forms:
            for name in inline_form.fields:
                _add(data, inline_form.add_prefix(name), inline_form[name])
    data.update(changes)
    return data


def change_url(obj) -> str:
    """Return the admin change page of a reference row."""
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def admin_save(client, obj, **changes):
    """Save `obj` through its admin change page with `changes`, as an editor would; return the
    response (a redirect when saved)."""
    url = change_url(obj)
    return client.post(url, change_form_data(client, url, **changes))
