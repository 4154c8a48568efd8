from django.core.management.base import BaseCommand, CommandError

from onewindow.core.errors import DomainError
from onewindow.exchange.services import api_client_create
from onewindow.network.models import Centre, Department, Staff


class Command(BaseCommand):
    help = "Register a department system and print its API key (shown once)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--centre", required=True, help="centre id")
        parser.add_argument("--department", help="department code within the centre")
        parser.add_argument("--scopes", required=True, help="comma-separated, e.g. cases:read,events:read")
        parser.add_argument("--acting-staff", help="username the decisions are made in the name of")

    def handle(self, *args, **o):
        centre = Centre.objects.filter(pk=o["centre"]).first()
        if centre is None:
            raise CommandError("no such centre")
        department = None
        if o["department"]:
            department = Department.objects.filter(centre=centre, code=o["department"]).first()
            if department is None:
                raise CommandError("no such department in this centre")
        staff = None
        if o["acting_staff"]:
            staff = Staff.objects.filter(user__username=o["acting_staff"]).first()
            if staff is None:
                raise CommandError("no such staff member")
        try:
            client, key = api_client_create(name=o["name"], centre=centre, department=department,
                                            scopes=[s.strip() for s in o["scopes"].split(",") if s.strip()],
                                            acting_staff=staff)
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message_en}") from exc
        self.stdout.write(f"client {client.pk} {client.name}\nkey (shown once): {key}")
