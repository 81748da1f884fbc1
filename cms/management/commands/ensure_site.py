"""`manage.py ensure_site`: the public site's standard pages, in English and Spanish."""

from django.core.management.base import BaseCommand

from cms.services import ensure_site


class Command(BaseCommand):
    help = (
        "Create the site, its standard pages and their Spanish translations where missing "
        "(pages editors have changed are left as they are). Safe to run again."
    )

    def handle(self, *args, **options):
        home = ensure_site()
        spanish = home.get_translations().count()
        self.stdout.write(f"Site ready: {home.title} (and {spanish} translation(s) of it).")
