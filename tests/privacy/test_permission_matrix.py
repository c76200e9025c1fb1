"""Who may do what in the admin: every role × action × object, through the admin's own views.

Moderators review, edit, approve and reject stories and events, and see and swap story and
event photos: nothing else. Editors run the rest of the site but never open a story that is
not public. Submitted pages are deleted in the admin by superusers only (withdrawal,
rejection and the purges erase them properly otherwise). Superusers may do everything;
anonymous visitors nothing. Deleting and publishing are checked on their confirmation
views (GET); publishing a page that is not live goes through the bulk publish action.
"""

import pytest
import wagtail_factories
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from campaign.editions.models import EditionPage, HomePage
from tests.events.helpers import upload
from tests.privacy.conftest import workflow_action

pytestmark = pytest.mark.django_db

PAGE_ACTIONS = ("edit", "publish", "delete", "revisions", "preview")
FILE_ACTIONS = ("edit", "delete")
Y, N = True, False

# role -> object -> allowed per action (PAGE_ACTIONS order for pages, FILE_ACTIONS for files)
EXPECTED = {
    "moderator": {
        "story pending": (Y, Y, N, Y, Y), "story published": (Y, Y, N, Y, Y), "story rejected": (Y, Y, N, Y, Y),
        "event pending": (Y, Y, N, Y, Y), "event published": (Y, Y, N, Y, Y),
        "home page": (N, N, N, N, N), "edition page": (N, N, N, N, N),
        # Wagtail lets whoever may change an image delete it: removing a submitted photo is part of review.
        "story photo": (Y, Y), "editors' image": (N, N), "document": (N, N),
    },
    "editor": {
        "story pending": (N, N, N, N, N), "story published": (Y, Y, N, Y, Y), "story rejected": (N, N, N, N, N),
        "event pending": (Y, Y, N, Y, Y), "event published": (Y, Y, N, Y, Y),
        "home page": (Y, Y, N, Y, Y), "edition page": (Y, Y, Y, Y, Y),
        "story photo": (N, N), "editors' image": (Y, Y), "document": (Y, Y),
    },
    "superuser": {
        "story pending": (Y,) * 5, "story published": (Y,) * 5, "story rejected": (Y,) * 5,
        "event pending": (Y,) * 5, "event published": (Y,) * 5,
        "home page": (Y,) * 5, "edition page": (Y,) * 5,
        "story photo": (Y, Y), "editors' image": (Y, Y), "document": (Y, Y),
    },
    "anonymous": {name: (N,) * len(cells) for name, cells in {
        "story pending": PAGE_ACTIONS, "story published": PAGE_ACTIONS, "story rejected": PAGE_ACTIONS,
        "event pending": PAGE_ACTIONS, "event published": PAGE_ACTIONS, "home page": PAGE_ACTIONS,
        "edition page": PAGE_ACTIONS, "story photo": FILE_ACTIONS, "editors' image": FILE_ACTIONS,
        "document": FILE_ACTIONS,
    }.items()},
}
# Editors keep Wagtail's rights on the root collection, which contains the story photos'
# collection: confining them needs their images moved out of the root (not done yet).
KNOWN_GAPS = {("editor", "story photo", "edit"), ("editor", "story photo", "delete")}


@pytest.fixture
def make_object(share_story, submit_event, admin_client, home_page):
    """Build the named object as moderators and submitters leave it."""

    def make(name: str):
        if name == "story photo":
            return share_story(photo=upload("p.jpg"), photo_alt_text="A garden").page.photo
        if name.startswith("story"):
            submission = share_story(photo=upload("p.jpg"), photo_alt_text="A garden")
            if name == "story published":
                workflow_action(admin_client, submission.page, "approve")
            if name == "story rejected":
                workflow_action(admin_client, submission.page, "reject", comment="No")
            return Page.objects.get(pk=submission.page_id).specific
        if name.startswith("event"):
            event = submit_event().event
            if name == "event published":
                workflow_action(admin_client, event, "approve")
            return Page.objects.get(pk=event.pk).specific
        if name == "home page":
            return HomePage.objects.get()
        if name == "edition page":
            return EditionPage.objects.get()
        if name == "editors' image":
            return wagtail_factories.ImageFactory(collection=Collection.get_first_root_node())
        if name == "document":
            return wagtail_factories.DocumentFactory(collection=Collection.get_first_root_node())
        raise ValueError(name)

    return make


@pytest.fixture
def login(client, superuser):
    def as_role(role: str):
        if role == "superuser":
            client.force_login(superuser)
        elif role in ("moderator", "editor"):
            user = get_user_model().objects.create_user(role, f"{role}@example.org", "pw")
            user.groups.add(Group.objects.get(name=f"{role.title()}s"))
            client.force_login(user)
        return client

    return as_role


def page_action_allowed(client, page, action: str) -> bool:
    if action == "publish":
        if page.live:
            return client.get(f"/admin/pages/{page.pk}/unpublish/").status_code == 200
        client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}")
        return Page.objects.get(pk=page.pk).live
    url = {
        "edit": f"/admin/pages/{page.pk}/edit/",
        "delete": f"/admin/pages/{page.pk}/delete/",
        "revisions": f"/admin/pages/{page.pk}/history/",
        "preview": f"/admin/pages/{page.pk}/view_draft/",
    }[action]
    return client.get(url).status_code == 200


def file_action_allowed(client, obj, action: str) -> bool:
    kind = "images" if obj._meta.app_label == "wagtailimages" else "documents"
    url = {
        ("images", "edit"): f"/admin/images/{obj.pk}/",
        ("images", "delete"): f"/admin/images/{obj.pk}/delete/",
        ("documents", "edit"): f"/admin/documents/edit/{obj.pk}/",
        ("documents", "delete"): f"/admin/documents/delete/{obj.pk}/",
    }[(kind, action)]
    return client.get(url).status_code == 200


CELLS = [
    (role, name)
    for role, objects in EXPECTED.items()
    for name in objects
]


@pytest.mark.parametrize(("role", "name"), CELLS, ids=[f"{r}-{n}" for r, n in CELLS])
def test_permission_matrix(role, name, make_object, login, client, sections):
    obj = make_object(name)
    if role == "anonymous":
        client.logout()
    else:
        login(role)
    is_page = isinstance(obj, Page)
    actions = PAGE_ACTIONS if is_page else FILE_ACTIONS
    # The only action that changes anything (publish) runs last.
    order = [a for a in actions if a != "publish"] + (["publish"] if is_page else [])
    found = {}
    for action in order:
        found[action] = page_action_allowed(client, obj, action) if is_page else file_action_allowed(client, obj, action)
    expected = dict(zip(actions, EXPECTED[role][name], strict=True))
    wrong = {a: found[a] for a in actions if found[a] != expected[a] and (role, name, a) not in KNOWN_GAPS}
    assert wrong == {}, f"{role} × {name}: allowed where refused or refused where allowed: {wrong}"
    for gap in KNOWN_GAPS:
        if gap[:2] == (role, name):
            assert found[gap[2]] != expected[gap[2]], f"{gap} is fixed: remove it from KNOWN_GAPS"


def test_migrate_takes_wagtails_root_rights_from_moderators_every_time(sections):
    moderators, editors = Group.objects.get(name="Moderators"), Group.objects.get(name="Editors")
    root = Page.get_first_root_node()
    publish = Permission.objects.get(codename="publish_page")
    delete_image = Permission.objects.get(codename="delete_image")
    GroupPagePermission.objects.create(group=moderators, page=root, permission=publish)
    GroupCollectionPermission.objects.create(
        group=moderators, collection=Collection.get_first_root_node(), permission=delete_image,
    )

    for _ in range(2):
        post_migrate.send(sender=apps.get_app_config("wagtailcore"), app_config=apps.get_app_config("wagtailcore"),
                          verbosity=0, interactive=False, using="default", plan=[], apps=apps)

    assert not GroupPagePermission.objects.filter(group=moderators, page__depth=1).exists()
    assert not GroupCollectionPermission.objects.filter(group=moderators, collection__depth=1).exists()
    assert GroupPagePermission.objects.filter(group=moderators).exclude(page__depth=1).exists()
    assert GroupPagePermission.objects.filter(group=editors, page=root, permission=publish).count() == 1


@pytest.mark.parametrize("name", ["story published", "event pending"])
def test_moderators_cannot_bulk_delete_submitted_pages(name, make_object, login, sections):
    page = make_object(name)
    client = login("moderator")

    client.post(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}")

    assert Page.objects.filter(pk=page.pk).exists()
