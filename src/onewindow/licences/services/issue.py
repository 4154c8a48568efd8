"""Issuing (统一出件): a signed licence for an approved case, idempotently; the licence types it needs.

Every licence is made by `licence_sign_and_store`: allocate the serial, build the identifier, render
the PDF, sign SM3(record) || SM3(PDF) with the seal's active key, store both.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from stdnum.cn import uscc as stdnum_uscc

from onewindow.cases.models import Case, Outcome
from onewindow.cases.states import State
from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.core.timeutil import now, today
from onewindow.licences.crypto import canonical_json, sha256_hex, sign, signed_message
from onewindow.licences.identifiers import MAX_VERSION, identifier_build, serial_format
from onewindow.licences.models import Licence, LicenceEventKind, LicenceSerial, LicenceType
from onewindow.licences.record import record_dict
from onewindow.licences.render import LicenceDocument, render_licence_pdf
from onewindow.licences.services._common import ISSUING_ROLES, clean_text, event_write, staff_check
from onewindow.licences.services.keys import seal_for, signing_key
from onewindow.network.models import Centre, Department, Staff
from onewindow.notices.render.layout import chinese_date

# A result document that is not a licence type of the library (证明, 批复...) is issued under this type;
# its title is the item's result_type.
GENERIC_CODE = "generic_result"
GENERIC_IDENTIFIER_CODE = "GEN"
GENERIC_FIELDS = ["事项名称", "办件编号", "决定日期"]
ISSUABLE_STATES = frozenset({State.DECIDED, State.ISSUED, State.DELIVERED, State.CONCLUDED})
_CODE_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")
FIELD_MAX = 500


def _identifier_code_derive(code: str) -> str:
    """SPJY-like short code for a catalogue code: initials of food_business_licence → FBL; a single
    word gives its first 6 letters. A number is appended while the code is taken."""
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", code) if p]
    base = ("".join(p[0] for p in parts) if len(parts) > 1 else (parts[0][:6] if parts else "LT")).upper()
    base = (base + "X")[:16] if len(base) < 2 else base[:16]
    candidate, n = base, 2
    while LicenceType.objects.filter(identifier_code=candidate).exists():
        candidate, n = f"{base}{n}", n + 1
    return candidate


@transaction.atomic
def licence_type_ensure(*, code: str, name: str, fields_schema: list[str] | None = None,
                        identifier_code: str = "") -> LicenceType:
    """The library's type for `code`, registered on first use (the catalogue names types the library
    may not know yet) with a derived identifier code and no expiry; an administrator refines it."""
    code = clean_text(code, field="code", required=True, max_length=40)
    if not _CODE_RE.match(code):
        raise Invalid("invalid_licence_type_code", "证照类型代码无效", "Invalid licence type code",
                      detail={"code": code})
    existing = LicenceType.objects.filter(code=code).first()
    if existing is not None:
        return existing
    name = clean_text(name, field="name", max_length=100) or code
    try:
        with transaction.atomic():
            return LicenceType.objects.create(
                code=code, name=name, identifier_code=identifier_code or _identifier_code_derive(code),
                fields_schema=list(fields_schema or []))
    except IntegrityError:  # registered concurrently
        found = LicenceType.objects.filter(code=code).first()
        if found is None:
            raise
        return found


def _serial_next(*, licence_type: LicenceType, issuer_uscc: str, year: int) -> str:
    row, _ = LicenceSerial.objects.get_or_create(licence_type=licence_type, issuer_uscc=issuer_uscc,
                                                 year=year)
    row = LicenceSerial.objects.select_for_update().get(pk=row.pk)
    if row.last >= 999_999:
        raise Conflict("licence_serials_exhausted", "本年度证照流水号已用完",
                       "No serial numbers left this year", detail={"type": licence_type.code, "year": year})
    row.last += 1
    row.save(update_fields=["last"])
    return serial_format(year, row.last)


def issuer_of(*, centre: Centre, department: Department | None) -> tuple[str, str]:
    """Name and USCC of the issuing body: the department when it has a USCC, else the centre (a
    township issues in its own name). The USCC is part of the identifier: without a valid one there
    is no licence."""
    body = department if department is not None and department.uscc else centre
    name = body.name
    code = (body.uscc or "").strip().upper()
    if not code:
        raise Conflict("issuer_uscc_missing", "发证机关未登记统一社会信用代码",
                       "The issuing body has no unified social credit code", detail={"issuer": name})
    if not stdnum_uscc.is_valid(code):
        raise Conflict("issuer_uscc_invalid", "发证机关的统一社会信用代码无效",
                       "The issuing body's unified social credit code is invalid", detail={"issuer": name})
    return name, code


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def validity_for(*, licence_type: LicenceType, valid_from: dt.date) -> dt.date | None:
    if not licence_type.validity_years:
        return None
    return _add_years(valid_from, licence_type.validity_years) - dt.timedelta(days=1)


def fields_clean(*, schema: list[str], given: Mapping[str, str] | None, defaults: Mapping[str, str]) -> dict:
    """One value per field of the type's schema (given, else the default, else empty); a name outside
    the schema is refused."""
    given = dict(given or {})
    unknown = sorted(str(k) for k in given if k not in schema)
    if unknown:
        raise Invalid("unknown_licence_fields", "证照字段不在该证照类型的字段表中",
                      "Fields not in the licence type's field list",
                      detail={"fields": unknown, "allowed": schema})
    return {name: clean_text(given[name] if name in given else defaults.get(name, ""), field=name,
                             max_length=FIELD_MAX) for name in schema}


def licence_sign_and_store(*, licence_type: LicenceType, title: str, centre: Centre,
                           department: Department | None, holder: tuple[str, str, str], fields: dict,
                           valid_from: dt.date, valid_to: dt.date | None, case: Case | None = None,
                           replaces: Licence | None = None, issue_due_date: dt.date | None = None) -> Licence:
    """Make, sign and save one licence (the caller holds the transaction and the contested lock)."""
    issuer_name, issuer_uscc = issuer_of(centre=centre, department=department)
    seal = seal_for(centre_id=centre.pk, department_id=department.pk if department else None)
    key, private_key = signing_key(seal=seal)
    if replaces is not None:
        serial, version = replaces.serial, replaces.version + 1
        if version > MAX_VERSION:
            raise Conflict("licence_versions_exhausted", "证照版本号已用完",
                           "No versions left for this licence")
    else:
        serial, version = _serial_next(licence_type=licence_type, issuer_uscc=issuer_uscc,
                                       year=today().year), 1
    identifier = str(identifier_build(type_code=licence_type.identifier_code, issuer_uscc=issuer_uscc,
                                      serial=serial, version=version))
    signed_at = now().replace(microsecond=0)
    name, id_type, id_number = holder
    licence = Licence(
        identifier=identifier, licence_type=licence_type, title=title, serial=serial, version=version,
        centre=centre, department=department, issuer_name=issuer_name, issuer_uscc=issuer_uscc,
        holder_name=name, holder_id_type=id_type, holder_id_number=id_number, fields=fields,
        issued_on=today(), valid_from=valid_from,
        valid_to=valid_to, case=case, replaces=replaces, issue_due_date=issue_due_date, seal=seal,
        seal_key=key, key_id=key.key_id, signed_at=signed_at, created_at=signed_at)
    record = canonical_json(record_dict(licence, case_number=case.number if case else None,
                                        replaces_identifier=replaces.identifier if replaces else None,
                                        seal_code=seal.code))
    pdf = render_licence_pdf(LicenceDocument(
        title=title, identifier=identifier, holder_name=name, holder_id_type=id_type,
        holder_id_number=id_number, fields=list(fields.items()), valid_from=valid_from, valid_to=valid_to,
        issuer_name=issuer_name, issued_on=licence.issued_on, seal_name=seal.name, version=version))
    licence.record = record
    licence.record_sha256 = sha256_hex(record.encode("utf-8"))
    licence.pdf_sha256 = sha256_hex(pdf)
    licence.signature = sign(private_key=private_key, public_key=key.public_key,
                             message=signed_message(record=record, pdf=pdf))
    # A rolled-back transaction leaves this file behind, unreferenced; it is never served.
    licence.pdf.save(f"{identifier}.pdf", ContentFile(pdf), save=False)
    licence.save()
    return licence


def _type_for_case(case: Case) -> tuple[LicenceType, str]:
    version = case.item_version
    if version.result_licence_type:
        licence_type = licence_type_ensure(code=version.result_licence_type,
                                           name=version.result_type or version.result_licence_type)
        return licence_type, licence_type.name
    if version.result_type:
        licence_type = licence_type_ensure(code=GENERIC_CODE, name="办理结果", fields_schema=GENERIC_FIELDS,
                                           identifier_code=GENERIC_IDENTIFIER_CODE)
        return licence_type, version.result_type
    raise Conflict("no_result_document", "该事项没有需要出具的证照或结果文书",
                   "The item has no licence or result document to issue", detail={"item": version.name})


def _case_defaults(case: Case) -> dict[str, str]:
    """Values a licence field of one of these names takes from the case when the issuer gives none."""
    return {"事项名称": case.item_version.name, "办件编号": case.number,
            "决定日期": chinese_date(case.decided_on), "住所": case.applicant.address,
            "地址": case.applicant.address}


@transaction.atomic
def licence_issue_for_case(*, case: Case, by: Staff | None,
                           fields: Mapping[str, str] | None = None) -> Licence:
    """The licence of an approved case, signed with the deciding department's seal. Idempotent: a case
    has one licence, and a second call returns it (with whatever fields it was first issued with).

    Art. 44: due 10 working days after the decision (case.issue_due_date); a late issue is still made
    (refusing it would only make the applicant wait longer) and its `issued` event records on_time."""
    # The case row is the contested one: two issuing clerks must not both sign a licence for it.
    locked = Case.objects.select_for_update().filter(pk=case.pk).first()
    if locked is None:
        raise NotFound("case_not_found", "办件不存在", "No such case")
    staff_check(by=by, centre_id=locked.centre_id, roles=ISSUING_ROLES)
    existing = Licence.objects.filter(case_id=locked.pk, replaces__isnull=True).first()
    if existing is not None:
        return existing
    if locked.outcome != Outcome.APPROVE or locked.state not in ISSUABLE_STATES:
        raise Conflict("case_not_approved", "办件尚未准予许可，不能出证", "The case has not been approved",
                       detail={"state": locked.state, "outcome": locked.outcome})
    case_full = (Case.objects.select_related("item_version", "item__department", "department", "centre",
                                             "applicant").get(pk=locked.pk))
    licence_type, title = _type_for_case(case_full)
    department = case_full.department or case_full.item.department
    applicant = case_full.applicant
    valid_from = today()
    licence = licence_sign_and_store(
        licence_type=licence_type, title=title, centre=case_full.centre, department=department,
        holder=(applicant.name, applicant.id_type, applicant.id_number),
        fields=fields_clean(schema=list(licence_type.fields_schema), given=fields,
                            defaults=_case_defaults(case_full)),
        valid_from=valid_from, valid_to=validity_for(licence_type=licence_type, valid_from=valid_from),
        case=case_full, issue_due_date=case_full.issue_due_date)
    due = case_full.issue_due_date
    event_write(licence=licence, kind=LicenceEventKind.ISSUED, by=by, payload={
        "case": case_full.number, "issue_due_date": due.isoformat() if due else None,
        "on_time": due is None or licence.issued_on <= due})
    return licence
