"""manage.py licences_seal_keygen --seal CODE --out FILE — a new SM2 key pair for a seal.

The private key is written to FILE (mode 0600, never over an existing file unless --force); the
public key is registered as the seal's active SealKey (the previous key is retired: licences it
signed still verify) and the seal's key_ref becomes file:FILE. To keep the key in an environment
variable instead, move it there and set key_ref to env:ONEWINDOW_SEAL_KEY_… (docs/licences.md).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from onewindow.core.errors import DomainError
from onewindow.licences.services import seal_key_generate
from onewindow.network.models import Seal


class Command(BaseCommand):
    help = "Generate an SM2 signing key for a seal: private key to a 0600 file, public key to the database."

    def add_arguments(self, parser):
        parser.add_argument("--seal", required=True, metavar="CODE", help="the seal's code")
        parser.add_argument("--out", required=True, metavar="FILE", help="where to write the private key")
        parser.add_argument("--force", action="store_true", help="replace an existing key file")

    def handle(self, *args, seal, out, force, **options):
        found = Seal.objects.filter(code=seal.strip()).first()
        if found is None:
            raise CommandError(f"No seal with code {seal!r}.")
        try:
            key, path = seal_key_generate(seal=found, out=out, overwrite=force)
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message_en} {exc.detail or ''}".strip()) from exc
        self.stdout.write(self.style.SUCCESS(f"seal {found.code}: key {key.key_id} written to {path} (0600)"))
        self.stdout.write(f"public key: {key.public_key}")
