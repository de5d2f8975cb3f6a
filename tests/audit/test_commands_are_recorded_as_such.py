"""What a management command changes is recorded as the command's: no user, no address.

A deployment's administrator runs create_staff, load_reference_data and
import_advisories on the server; the log says which command did what.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

import audit
from advisories.importer import SEED_DIR
from advisories.models import Advisory
from reports.models import Hotline

pytestmark = pytest.mark.django_db


def test_create_staff_is_recorded_as_the_command(monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", "mat-khau-dai-du-manh-2025")
    call_command("create_staff", "thu", role="administrator", interactive=False, stdout=StringIO())

    records = get_user_model().objects.get(username="thu").history.all()
    # The account, then its group.
    assert [record.history_type for record in records] == ["~", "+"]
    assert {
        (record.history_change_reason, record.history_user, record.client_address)
        for record in records
    } == {("lệnh create_staff", None, None)}


def test_import_advisories_marks_each_letter_it_stores():
    seed = sorted(SEED_DIR.glob("*.txt"))[0]
    call_command("import_advisories", str(seed), publish=True, stdout=StringIO())

    letter = Advisory.objects.get()
    assert {record.history_change_reason for record in letter.history.all()} == {
        "lệnh import_advisories"
    }
    assert letter.history.filter(history_type="~", status="published").exists()


def test_load_reference_data_keeps_its_own_name_for_the_letters_it_imports():
    call_command("load_reference_data", stdout=StringIO(), verbosity=0)

    reasons = set(Hotline.history.model.objects.values_list("history_change_reason", flat=True))
    reasons |= set(Advisory.history.model.objects.values_list("history_change_reason", flat=True))
    assert reasons == {"lệnh load_reference_data"}


def test_a_change_inside_origin_shows_on_the_page_with_its_reason(client, quan, hotline_156):
    with audit.origin("lệnh sửa số"):
        hotline_156.number = "0909123456"
        hotline_156.save()
    client.force_login(quan)

    entry = client.get(reverse("audit_log")).context["entries"][0]

    assert (entry.user, entry.reason, entry.address) == ("", "lệnh sửa số", "")
    assert entry.changes[0].old == "156"
