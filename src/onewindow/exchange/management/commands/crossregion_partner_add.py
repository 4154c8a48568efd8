from django.core.management.base import BaseCommand, CommandError

from onewindow.core.errors import DomainError
from onewindow.exchange.crossregion.partners import partner_register
from onewindow.network.models import Centre, Staff


class Command(BaseCommand):
    help = ("Register a partner installation for cross-region intake (docs/crossregion.md). "
            "With --inbound-centre the partner may hand in applications to us: its API key is printed once.")

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--base-url", required=True, help="e.g. https://zwfw.example.gov.cn")
        parser.add_argument("--regions", required=True, help="comma-separated region codes it serves")
        parser.add_argument("--secret-file", required=True,
                            help="file holding the shared HMAC secret (both installations use the same)")
        parser.add_argument("--key-file", help="file holding the API key the partner gave us (to call it)")
        parser.add_argument("--inbound-centre", type=int, help="our centre receiving its hand-ins")
        parser.add_argument("--acting-staff", help="username of our clerk the hand-ins are received as")

    def handle(self, *args, **o):
        def read(path):
            try:
                with open(path, encoding="utf-8") as fh:
                    return fh.read().strip()
            except OSError as exc:
                raise CommandError(str(exc)) from exc

        centre = staff = None
        if o["inbound_centre"]:
            centre = Centre.objects.filter(pk=o["inbound_centre"]).first()
            staff = Staff.objects.filter(user__username=o["acting_staff"] or "").first()
            if centre is None or staff is None:
                raise CommandError("no such centre or staff member")
        try:
            partner, key = partner_register(
                name=o["name"], base_url=o["base_url"], secret=read(o["secret_file"]),
                region_codes=o["regions"].split(","),
                outbound_key=read(o["key_file"]) if o["key_file"] else "",
                inbound_centre=centre, inbound_staff=staff)
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message_en}") from exc
        self.stdout.write(f"partner {partner.pk} {partner.name}")
        if key:
            self.stdout.write(f"key for the partner (shown once): {key}")
