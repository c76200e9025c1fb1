from django.db import migrations

AUDIENCES = [
    ("link-workers", "Link workers"),
    ("gp-practices", "GP practices"),
    ("community-groups", "Community groups"),
    ("service-users", "People who use social prescribing"),
    ("press", "Press"),
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("toolkit", "Audience")
    for order, (slug, name) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
