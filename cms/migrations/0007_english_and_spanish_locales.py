"""Wagtail's own localisation is on (issue 20, item 5): the English and Spanish locales.

Every page that exists keeps its content and becomes English: a database whose first
locale was created under another code (for example "en-us") has that locale renamed to
"en". The Spanish page tree is not
made here: cms.services.ensure_site (seed_demo, `manage.py ensure_site`) adds it, written
in Spanish, and editors change it in the workspace.
"""

from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        english = Locale.objects.exclude(language_code="es").order_by("pk").first()
        if english is None:
            english = Locale.objects.create(language_code="en")
        else:
            english.language_code = "en"
            english.save(update_fields=["language_code"])
    Locale.objects.get_or_create(language_code="es")


def drop_spanish(apps, schema_editor):
    """Back: the Spanish locale goes if no page uses it (pages are never deleted here)."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    spanish = Locale.objects.filter(language_code="es").first()
    if spanish is not None and not Page.objects.filter(locale=spanish).exists():
        spanish.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_portal_preference_language"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(create_locales, drop_spanish)]
