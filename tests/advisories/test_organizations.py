import pytest

from advisories.models import Organization

pytestmark = pytest.mark.django_db


def test_the_issuers_of_the_five_letters_are_loaded():
    issuers = {o.slug: o for o in Organization.objects.select_related("province")}
    assert issuers["pvhtt-ea-sup"].symbol == "PVHTT"
    assert issuers["pvhtt-ea-sup"].level == Organization.Level.DISTRICT
    assert issuers["pvhtt-ea-sup"].parent_body == "UBND HUYỆN EA SÚP"
    assert issuers["pvhtt-ea-sup"].province.slug == "dak-lak"
    for province in ("ninh-thuan", "ninh-binh", "binh-phuoc", "dak-lak"):
        sở = issuers[f"stttt-{province}"]
        assert sở.symbol == "STTTT"
        assert sở.level == Organization.Level.PROVINCIAL
        assert sở.province.slug == province
    assert issuers["stttt-dak-lak"].parent_body == "UBND TỈNH ĐẮK LẮK"
