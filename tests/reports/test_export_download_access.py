"""The file of an export holds citizens' consented contacts: only its requester downloads it.

Lan, an inspector of Hà Nội, exports her province's reports. Bình, her
colleague of Hà Nội, Minh of Đồng Nai, a national inspector and a superuser
all get a 404 for her file, as for a file that does not exist; so does Lan
once she no longer inspects Hà Nội, and anyone once its 7 days are over.
"""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from advisories.models import Province
from reports.models import Export, InspectorProvince
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff
from .exports import EXPORTS, ask, download

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan():
    return staff("lan", INSPECTORS, "ha-noi")


@pytest.fixture
def lans_export(client, lan, django_capture_on_commit_callbacks):
    make_report(
        province="ha-noi",
        contact="0987000111",
        contact_consent_text="Tôi đồng ý",
        contact_consented_at=timezone.now(),
    )
    client.force_login(lan)
    ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    run_jobs()
    export = Export.objects.get()
    assert export.status == Export.Status.DONE
    client.logout()
    return export


def url(export):
    return f"{EXPORTS}{export.pk}/download/"


def test_lan_downloads_her_own_file(client, lan, lans_export):
    client.force_login(lan)
    rows = download(client, lans_export)
    assert rows[1][12] == "\t0987000111"  # digits as text for Excel (reports.export.DIGITS)
    assert "phan-anh_" in client.get(url(lans_export))["Content-Disposition"]


@pytest.mark.parametrize(
    "who",
    ["colleague of Hà Nội", "inspector of Đồng Nai", "national inspector", "superuser"],
)
def test_anyone_else_gets_a_404(client, lans_export, who):
    other = {
        "colleague of Hà Nội": lambda: staff("binh", INSPECTORS, "ha-noi"),
        "inspector of Đồng Nai": lambda: staff("minh", INSPECTORS, "dong-nai"),
        "national inspector": lambda: staff("hoa", NATIONAL_INSPECTORS),
        "superuser": lambda: get_user_model().objects.create_superuser("root", password="x"),
    }[who]()
    client.force_login(other)
    assert client.get(url(lans_export)).status_code == 404
    # Her exports are not on their page either.
    assert url(lans_export) not in client.get(EXPORTS).content.decode()


def test_not_signed_in_goes_to_the_login_page(client, lans_export):
    response = client.get(url(lans_export))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_lan_moved_off_ha_noi_no_longer_gets_the_file(client, lan, lans_export):
    InspectorProvince.objects.filter(user=lan).update(
        province=Province.objects.get(slug="dong-nai")
    )
    client.force_login(lan)
    assert client.get(url(lans_export)).status_code == 404


def test_a_file_past_its_seven_days_is_gone_even_before_the_clean_up(client, lan, lans_export):
    later = lans_export.finished_at + datetime.timedelta(days=7, minutes=1)
    with time_machine.travel(later, tick=True):
        client.force_login(lan)  # a staff session lasts 12 hours: she signs in that day
        assert client.get(url(lans_export)).status_code == 404


@pytest.mark.parametrize("pk", ["0", "99999", str(2**63), str(2**70)])
def test_an_id_that_is_none_is_a_404(client, lan, pk):
    client.force_login(lan)
    assert client.get(f"{EXPORTS}{pk}/download/").status_code == 404
