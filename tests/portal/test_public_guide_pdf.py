"""The printable guide: a valid PDF with the item's name, from the published version."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.portal.conftest import FOOD_CODE

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def test_guide_pdf_is_a_valid_pdf_with_the_item_name(client, food):
    resp = client.get(f"/guides/{FOOD_CODE}/guide.pdf")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF")
    text = text_of(resp.content)
    assert "食品经营许可办事指南" in text
    for section in ["设定依据", "事项内容", "办理方式", "申请材料", "办理流程", "办理时限", "收费标准"]:
        assert section in text
    assert "食品经营许可申请书" in text and "工本费" in text
    assert "您的材料清单" not in text


def test_pdf_with_answers_prints_the_personal_checklist(client, food):
    answers = {"checklist": "1", f"s{food.situation.pk}": food.opt_owned.pk}
    resp = client.get(f"/guides/{FOOD_CODE}/guide.pdf", answers)
    text = text_of(resp.content)
    assert "您的材料清单" in text
    personal = text.split("您的材料清单")[1].split("设定依据")[0]
    assert "场所平面图" not in personal and "租赁合同" not in personal and "身份证明" in personal


def test_pdf_of_unknown_item_or_bad_answer_is_404(client, food, id_card):
    assert client.get("/guides/NOSUCH/guide.pdf").status_code == 404
    from onewindow.catalogue.models import Situation, SituationOption

    other = SituationOption.objects.create(situation=Situation.objects.create(version=id_card, question="?"),
                                           label="x")
    bad = {f"s{food.situation.pk}": other.pk}
    assert client.get(f"/guides/{FOOD_CODE}/guide.pdf", bad).status_code == 404
