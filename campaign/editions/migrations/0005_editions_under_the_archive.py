"""Edition pages move from under the home page to under "Every Social Prescribing Day".

Their public addresses do not change: /<year>/ stays /<year>/ (``HomePage.route`` and
``EditionPage.get_url_parts``). Only the tree moves. Written against the migration state's
models, so it moves the rows itself, as treebeard would: a new last-child path under the
archive (Wagtail's tree: steps of 4 characters, 0-9A-Z), depth, child counts and url_path,
for each edition and anything below it.
"""

from django.db import migrations

STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(number: int) -> str:
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEP, "0")


def _move_children(Page, pages, new_parent) -> None:
    """Move ``pages`` (all children of one parent) to be the last children of ``new_parent``."""
    for page in pages:
        page = Page.objects.get(pk=page.pk)
        old_parent = Page.objects.get(path=page.path[:-STEP])
        siblings = Page.objects.filter(path__startswith=new_parent.path, depth=new_parent.depth + 1)
        last = siblings.order_by("-path").values_list("path", flat=True).first()
        next_number = int(last[-STEP:], len(ALPHABET)) + 1 if last else 1
        new_path = new_parent.path + _step(next_number)
        new_url_path = f"{new_parent.url_path}{page.slug}/"
        shift = new_parent.depth + 1 - page.depth
        for node in Page.objects.filter(path__startswith=page.path).order_by("path"):
            Page.objects.filter(pk=node.pk).update(
                path=new_path + node.path[len(page.path):],
                depth=node.depth + shift,
                url_path=new_url_path + node.url_path[len(page.url_path):],
            )
        Page.objects.filter(pk=old_parent.pk).update(numchild=old_parent.numchild - 1)
        new_parent.numchild += 1
        Page.objects.filter(pk=new_parent.pk).update(numchild=new_parent.numchild)


def _editions(apps):
    EditionPage = apps.get_model("campaign", "EditionPage")
    return list(EditionPage.objects.values_list("pk", flat=True))


def under_the_archive(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    archive = apps.get_model("campaign", "EditionIndexPage").objects.first()
    if archive is None:
        return  # no archive yet: editions stay where they are, and keep their addresses
    archive = Page.objects.get(pk=archive.pk)
    parent_path = archive.path[:-STEP]
    pages = Page.objects.filter(pk__in=_editions(apps), depth=archive.depth, path__startswith=parent_path)
    _move_children(Page, list(pages.order_by("path")), archive)


def back_under_the_home_page(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    archive = apps.get_model("campaign", "EditionIndexPage").objects.first()
    if archive is None:
        return
    archive = Page.objects.get(pk=archive.pk)
    home = Page.objects.get(path=archive.path[:-STEP])
    pages = Page.objects.filter(pk__in=_editions(apps), depth=archive.depth + 1, path__startswith=archive.path)
    _move_children(Page, list(pages.order_by("path")), home)


class Migration(migrations.Migration):

    dependencies = [
        ("campaign", "0004_sitesettings_after_the_day"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(under_the_archive, back_under_the_home_page)]
