from django.db import migrations

ACTIVITIES = [
    ("walking-group", "Walking group"),
    ("arts-and-crafts", "Arts and crafts"),
    ("gardening", "Gardening or food growing"),
    ("volunteering", "Volunteering"),
    ("support-group", "Support group"),
    ("music-or-choir", "Music or choir"),
    ("sport", "Sport and exercise"),
    ("advice", "Advice on money, housing or work"),
    ("other", "Other"),
]


def add_activities(apps, schema_editor):
    StoryActivity = apps.get_model("stories", "StoryActivity")
    for order, (slug, name) in enumerate(ACTIVITIES):
        StoryActivity.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]
    operations = [migrations.RunPython(add_activities, migrations.RunPython.noop)]
