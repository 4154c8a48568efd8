"""Demo data of the citizen side (step of `manage.py load_demo`, after load_demo_cases): the demo
`citizen` login gets a phone and resident ID, an organisation it represents, and one online
application waiting for the clerk's pre-review (workbench:prereview). Idempotent: natural keys are
the username, the USCC, and "the citizen already has an online application"."""

from __future__ import annotations

from onewindow.accounts.models import CitizenCase, Organisation, OrganisationMember, OrganisationRole
from onewindow.core.timeutil import now

DEMO_PHONE = "13800138000"
DEMO_ID = "110105198001010016"
DEMO_USCC = "91350100M000100Y43"
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def load_demo_citizens() -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from onewindow.cases.services import online
    from onewindow.catalogue.models import ServiceItem
    from onewindow.demo import refs
    from onewindow.demo.data.network import COUNTY

    user = refs.user("citizen")
    changed = []
    if not user.id_number:
        user.id_number, user.phone = DEMO_ID, user.phone or DEMO_PHONE
        user.display_name = user.display_name or "王小青"
        user.phone_verified_at = now()
        user.save(update_fields=["id_number", "phone", "display_name", "phone_verified_at"])
        changed.append("profile")
    org, created = Organisation.objects.get_or_create(
        uscc=DEMO_USCC, defaults={"name": "青禾县示范农业有限公司", "legal_rep_name": user.display_name,
                                  "legal_rep_id_number": DEMO_ID, "created_by": user, "created_at": now()})
    OrganisationMember.objects.get_or_create(organisation=org, user=user, defaults={
        "role": OrganisationRole.LEGAL_REPRESENTATIVE, "added_at": now()})
    if created:
        changed.append("organisation")
    if not CitizenCase.objects.filter(user=user).exists():
        item = (ServiceItem.objects.filter(centre=refs.centre(COUNTY), active=True,
                                           current_version__isnull=False)
                .order_by("implementation_code").first())
        if item is not None:
            case = online.online_draft_create(user=user, item_code=item.implementation_code)
            first = case.materials.order_by("material__position", "pk").first()
            if first is not None:  # one scanned material; the clerk's pre-review names the rest
                online.online_attach(user=user, case=case, material_id=first.material_id,
                                     upload=SimpleUploadedFile("申请表.pdf", DEMO_PDF))
            online.online_submit(user=user, case=case)
            changed.append(f"online application {case.number}")
    return f"citizen side: {', '.join(changed) or 'nothing new'}"
