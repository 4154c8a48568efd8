"""Demo step: an SM2 signing key for every active demo seal, so that approved demo cases can be
issued as signed e-licences. Private keys go to $ONEWINDOW_VAR_DIR/keys/ (mode 0600), never into the
database; a real centre generates its keys with `manage.py licences_seal_keygen` instead."""

from __future__ import annotations

from django.conf import settings

from onewindow.licences.services import seal_key_generate
from onewindow.network.models import Seal, SealStatus


def load_seal_keys() -> str:
    key_dir = settings.VAR_DIR / "keys"
    made = 0
    seals = Seal.objects.filter(status=SealStatus.ACTIVE).order_by("code")
    for seal in seals:
        if seal.licence_keys.filter(retired_at__isnull=True).exists():
            continue
        # A key file left from an earlier database in the same var dir belongs to no registered
        # key any more, so replacing it loses nothing.
        seal_key_generate(seal=seal, out=key_dir / f"{seal.code}.key", overwrite=True)
        made += 1
    return f"seal keys: {made} generated, {seals.count() - made} already present"
