"""Acting as a moderator in the real Wagtail editor: the edit form as the browser posts it."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Page


def edit_form_data(client, page: Page, **changes) -> dict:
    """The page's edit form as the editor renders it, with ``changes`` typed in.

    Every field and inline formset (its management form too) is posted as the browser would.
    """
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    data: dict = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[form.add_prefix(name)] = "on"
        elif isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(v) for v in value]
        else:
            data[form.add_prefix(name)] = field.widget.format_value(value) or ""
    for formset in form.formsets.values():
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
    data.update(changes)
    return data


def post_edit(client, page: Page, **changes):
    """Post the edit form: 'Save draft' unless ``changes`` name a workflow action."""
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form_data(client, page, **changes))


def approve_in_editor(client, page: Page, **changes):
    """The editor's 'Approve' action: saves the form, then approves the task (publishing the page)."""
    return post_edit(client, page, **{"action-workflow-action": "true", "workflow-action-name": "approve", **changes})
