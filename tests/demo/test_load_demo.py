"""`manage.py load_demo`: a second run leaves exactly the same rows; steps can run alone."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from onewindow.catalogue.models import (
    BundleComponent,
    Delegation,
    Fee,
    GuideReview,
    ItemVersion,
    Material,
    ServiceItem,
    Situation,
    SituationOption,
)
from onewindow.network.models import (
    Authorisation,
    Centre,
    Department,
    Hall,
    Region,
    Seal,
    Staff,
    StaffRole,
    Window,
)
from tests.demo.conftest import LOADED_AT

User = get_user_model()
MODELS = [Region, Centre, Hall, Department, Window, Seal, Staff, StaffRole, Authorisation, User, Group,
          Group.permissions.through, User.groups.through, ServiceItem, ItemVersion, Material, Fee, Situation,
          SituationOption, SituationOption.adds.through, SituationOption.removes.through, Delegation,
          BundleComponent, GuideReview]


def _snapshot():
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in MODELS}


def test_a_second_run_changes_nothing(demo):
    before = _snapshot()
    out = StringIO()
    with time_machine.travel(LOADED_AT, tick=False):
        call_command("load_demo", stdout=out)
    after = _snapshot()
    for label in before:
        assert after[label] == before[label], label
    text = out.getvalue()
    assert "(0 new)" in text and "0 new delegations" in text and "0 new guide reviews" in text


def test_a_later_run_adds_no_reviews_or_authorisations(demo):
    counts = {m: m.objects.count() for m in (GuideReview, Authorisation, ItemVersion)}
    call_command("load_demo", stdout=StringIO())  # today, not the load day
    assert {m: m.objects.count() for m in counts} == counts


def test_a_single_step_can_run_alone(demo):
    out = StringIO()
    call_command("load_demo", "--step", "load_network", stdout=out)
    assert out.getvalue().startswith("load_network ")
    assert "load_staff" not in out.getvalue()


def test_an_unknown_step_is_refused(demo):
    with pytest.raises(CommandError, match="unknown step"):
        call_command("load_demo", "--step", "load_everything", stdout=StringIO())
