"""The zh-hans catalogue (src/onewindow/locale/zh_Hans): complete, compiled, and in the glossary's terms.

The .po is read with a small parser (no polib in the test extra); the checks go through Django's own
gettext, so they also prove that the committed .mo matches the .po.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

import onewindow
from onewindow.cases.models import Case, CaseClass
from onewindow.catalogue.models import Delegation, ItemVersion, Material, ServiceItem, Situation
from onewindow.network.models import Role, WindowKind
from onewindow.notices.models import NoticeKind

LOCALE_DIR = Path(onewindow.__file__).resolve().parent / "locale" / "zh_Hans" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# Latin words a Chinese string may legitimately keep (codes, formats, product names, examples).
ALLOWED_LATIN = {"API", "SHA", "PDF", "POS", "SM", "AB", "ISO", "Python", "chinesecalendar", "SCJG", "XX",
                 "social", "YYYY", "MM", "DD", "openid", "JPEG", "OFD", "PNG", "IP", "sfz", "start",
                 "business", "CSV", "JSON", "URL", "SMS", "HMAC", "USCC", "ID"}


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r'\\(.)', lambda m: ESCAPES.get(m.group(1), m.group(0)), body)


def parse_po(path: Path) -> list[dict]:
    """Entries as {"msgid", "msgid_plural", "msgstr" (list), "flags", "obsolete"}; header included."""
    entries: list[dict] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"msgid": None, "msgid_plural": None, "msgstr": [], "flags": set(), "obsolete": False}
        field = None
        for line in block.strip().splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith("msgctxt"):
                field = "msgctxt"
            elif line.startswith("msgid_plural"):
                entry["msgid_plural"], field = _unquote(line), "msgid_plural"
            elif line.startswith("msgid"):
                entry["msgid"], field = _unquote(line), "msgid"
            elif line.startswith("msgstr"):
                entry["msgstr"].append(_unquote(line))
                field = "msgstr"
            elif line.startswith('"') and field == "msgstr":
                entry["msgstr"][-1] += _unquote(line)
            elif line.startswith('"') and field in ("msgid", "msgid_plural"):
                entry[field] += _unquote(line)
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


ENTRIES = parse_po(PO_FILE)
HEADER = next(e for e in ENTRIES if e["msgid"] == "")
MESSAGES = [e for e in ENTRIES if e["msgid"] and not e["obsolete"]]


def test_catalogue_is_compiled_and_has_a_proper_header():
    assert MO_FILE.exists(), "run compilemessages (docs/i18n.md): the .mo is committed"
    header = HEADER["msgstr"][0]
    assert "Language: zh_Hans\n" in header
    assert "Plural-Forms: nplurals=1; plural=0;" in header
    assert "charset=UTF-8" in header
    assert "fuzzy" not in HEADER["flags"], "msgfmt skips a fuzzy header (no charset, no plural forms)"
    assert len(MESSAGES) > 500


def test_every_entry_is_translated_and_not_fuzzy():
    untranslated = [e["msgid"] for e in MESSAGES if not all(s.strip() for s in e["msgstr"])]
    fuzzy = [e["msgid"] for e in MESSAGES if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    plural_forms = {len(e["msgstr"]) for e in MESSAGES if e["msgid_plural"]}
    assert plural_forms <= {1}, "zh has one plural form (msgstr[0] only)"


def test_translations_keep_placeholders_and_leave_no_english_behind():
    problems = []
    for e in MESSAGES:
        for msgstr in e["msgstr"]:
            if sorted(PLACEHOLDER.findall(e["msgid"])) != sorted(PLACEHOLDER.findall(msgstr)):
                problems.append(("placeholders", e["msgid"], msgstr))
            bare = PLACEHOLDER.sub("", msgstr)
            if not CJK.search(bare):
                problems.append(("no Chinese", e["msgid"], msgstr))
            latin = set(re.findall(r"[A-Za-z]{2,}", bare)) - ALLOWED_LATIN
            if latin:
                problems.append(("English left", e["msgid"], msgstr))
    assert problems == []


def test_compiled_catalogue_matches_the_po():
    """A stale .mo (po edited, compilemessages not run) shows up as a mismatch here."""
    with translation.override("zh-hans"):
        stale = [(e["msgid"], gettext(e["msgid"]), e["msgstr"][0]) for e in MESSAGES
                 if not e["msgid_plural"] and gettext(e["msgid"]) != e["msgstr"][0]]
    assert stale == []


@pytest.mark.parametrize(("value", "expected"), [
    (ServiceItem._meta.verbose_name, "政务服务事项"),
    (Material._meta.verbose_name, "申请材料"),
    (Situation._meta.verbose_name, "情形"),
    (Delegation._meta.verbose_name, "赋权"),
    (ItemVersion._meta.get_field("statutory_days").verbose_name, "法定办结时限"),
    (ItemVersion._meta.get_field("promised_days").verbose_name, "承诺办结时限"),
    (Case._meta.verbose_name, "办件"),
    (CaseClass.IMMEDIATE.label, "即办件"),
    (WindowKind.COMPREHENSIVE.label, "综合受理窗口"),
    (Role.CHIEF_REPRESENTATIVE.label, "首席代表"),
    (NoticeKind.ONE_TIME.label, "一次性告知书"),
])
def test_glossary_terms_in_chinese(value, expected):
    with translation.override("zh-hans"):
        assert str(value) == expected
    with translation.override("en"):
        assert str(value) != expected


def test_plural_messages_use_the_single_chinese_form():
    with translation.override("zh-hans"):
        assert ngettext("%d version published.", "%d versions published.", 1) % 1 == "已发布 1 个版本。"
        assert ngettext("%d version published.", "%d versions published.", 3) % 3 == "已发布 3 个版本。"


def test_capabilities_marked_with_gettext_noop_are_translated():
    """network.selectors marks these with N_ (gettext_noop) and translates them when listed."""
    with translation.override("zh-hans"):
        assert gettext("Review accepted cases") == "审查已受理的办件"


def test_login_page_reads_in_chinese_by_default(client):
    response = client.get(reverse("login"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "工作人员登录" in page
    assert "Staff log in" not in page


@pytest.mark.django_db
def test_admin_index_lists_apps_and_models_in_chinese(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    for text in ("事项目录", "政务服务事项", "政务服务网络", "工作日历", "授权书"):
        assert text in page
    assert "Service items" not in page
