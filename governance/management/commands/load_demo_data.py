"""Load the demo data (demo mode only) and print the demo accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from advice.demo import load_advice_requests, load_adviezen
from commitments.demo import load_commitment_pages, load_commitments
from governance.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_organisation
from governance.demo_site import load_public_face
from governance.notifications import silenced
from motions.demo import load_letters, load_motions, load_public_pages


class Command(BaseCommand):
    help = "Load Raadsvolg's demo data; running it again adds nothing twice."

    def handle(self, *args, **options):
        if not settings.RAADSVOLG_DEMO:
            raise CommandError(
                _("Demo data can only be loaded in demo mode (RAADSVOLG_DEMO=true).")
            )
        # Demo steps hand nothing over to anybody: no mail.
        with transaction.atomic(), silenced():
            municipalities = load_organisation()
            load_motions(municipalities)
            load_advice_requests(municipalities)
            load_adviezen(municipalities)
            load_letters(municipalities)
            load_public_pages(municipalities)
            load_commitments(municipalities)
            load_commitment_pages(municipalities)
            load_public_face(municipalities)
        self.stdout.write(
            _("Demo data loaded. Demo accounts (password: %(password)s):")
            % {"password": DEMO_PASSWORD}
        )
        for username, description in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<18} {description}")
