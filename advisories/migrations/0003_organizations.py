"""The issuers of the five seed letters (see shared/seeds and PRODUCT.md)."""

from django.db import migrations

STTTT = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"

ORGANIZATIONS = [
    # slug, name, header, parent body, symbol, level, province slug, place
    (
        "pvhtt-ea-sup",
        "Phòng Văn hóa và Thông tin huyện Ea Súp",
        "PHÒNG VĂN HÓA VÀ THÔNG TIN",
        "UBND HUYỆN EA SÚP",
        "PVHTT",
        "district",
        "dak-lak",
        "Ea Súp",
    ),
    ("stttt-ninh-thuan", "Sở Thông tin và Truyền thông tỉnh Ninh Thuận", STTTT,
     "UBND TỈNH NINH THUẬN", "STTTT", "provincial", "ninh-thuan", "Ninh Thuận"),
    ("stttt-ninh-binh", "Sở Thông tin và Truyền thông tỉnh Ninh Bình", STTTT,
     "UBND TỈNH NINH BÌNH", "STTTT", "provincial", "ninh-binh", "Ninh Bình"),
    ("stttt-binh-phuoc", "Sở Thông tin và Truyền thông tỉnh Bình Phước", STTTT,
     "UBND TỈNH BÌNH PHƯỚC", "STTTT", "provincial", "binh-phuoc", "Bình Phước"),
    ("stttt-dak-lak", "Sở Thông tin và Truyền thông tỉnh Đắk Lắk", STTTT,
     "UBND TỈNH ĐẮK LẮK", "STTTT", "provincial", "dak-lak", "Đắk Lắk"),
]


def load(apps, schema_editor):
    Organization = apps.get_model("advisories", "Organization")
    Province = apps.get_model("advisories", "Province")
    for slug, name, header, parent, symbol, level, province, place in ORGANIZATIONS:
        Organization.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "header_name": header,
                "parent_body": parent,
                "symbol": symbol,
                "level": level,
                "province": Province.objects.get(slug=province),
                "place": place,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("advisories", "0002_provinces")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
