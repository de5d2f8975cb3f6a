"""Every provincial unit of Vietnam, current and former (Resolution 202/2025/QH15).

Idempotent: re-running it (or running it on a database that already has some
units) changes nothing that is already right.
"""

from django.db import migrations

CITY, PROVINCE = "thanh-pho", "tinh"

# The 34 units since 1 July 2025.
CURRENT = [
    ("Hà Nội", CITY), ("Huế", CITY), ("Lai Châu", PROVINCE), ("Điện Biên", PROVINCE),
    ("Sơn La", PROVINCE), ("Lạng Sơn", PROVINCE), ("Quảng Ninh", PROVINCE),
    ("Thanh Hóa", PROVINCE), ("Nghệ An", PROVINCE), ("Hà Tĩnh", PROVINCE),
    ("Cao Bằng", PROVINCE), ("Tuyên Quang", PROVINCE), ("Lào Cai", PROVINCE),
    ("Thái Nguyên", PROVINCE), ("Phú Thọ", PROVINCE), ("Bắc Ninh", PROVINCE),
    ("Hưng Yên", PROVINCE), ("Hải Phòng", CITY), ("Ninh Bình", PROVINCE),
    ("Quảng Trị", PROVINCE), ("Đà Nẵng", CITY), ("Quảng Ngãi", PROVINCE),
    ("Gia Lai", PROVINCE), ("Khánh Hòa", PROVINCE), ("Lâm Đồng", PROVINCE),
    ("Đắk Lắk", PROVINCE), ("Hồ Chí Minh", CITY), ("Đồng Nai", PROVINCE),
    ("Tây Ninh", PROVINCE), ("Cần Thơ", CITY), ("Vĩnh Long", PROVINCE),
    ("Đồng Tháp", PROVINCE), ("Cà Mau", PROVINCE), ("An Giang", PROVINCE),
]

# Former unit -> the current unit it belongs to. All were provinces (tỉnh).
FORMER = {
    "Thừa Thiên Huế": "Huế",
    "Hà Giang": "Tuyên Quang",
    "Yên Bái": "Lào Cai",
    "Bắc Kạn": "Thái Nguyên",
    "Vĩnh Phúc": "Phú Thọ",
    "Hòa Bình": "Phú Thọ",
    "Bắc Giang": "Bắc Ninh",
    "Thái Bình": "Hưng Yên",
    "Hải Dương": "Hải Phòng",
    "Hà Nam": "Ninh Bình",
    "Nam Định": "Ninh Bình",
    "Quảng Bình": "Quảng Trị",
    "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi",
    "Bình Định": "Gia Lai",
    "Ninh Thuận": "Khánh Hòa",
    "Đắk Nông": "Lâm Đồng",
    "Bình Thuận": "Lâm Đồng",
    "Phú Yên": "Đắk Lắk",
    "Bình Dương": "Hồ Chí Minh",
    "Bà Rịa - Vũng Tàu": "Hồ Chí Minh",
    "Bình Phước": "Đồng Nai",
    "Long An": "Tây Ninh",
    "Sóc Trăng": "Cần Thơ",
    "Hậu Giang": "Cần Thơ",
    "Bến Tre": "Vĩnh Long",
    "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp",
    "Bạc Liêu": "Cà Mau",
    "Kiên Giang": "An Giang",
}


def load(apps, schema_editor):
    from advisories.text import vn_slug

    Province = apps.get_model("advisories", "Province")
    current = {}
    for name, kind in CURRENT:
        current[name], _ = Province.objects.update_or_create(
            slug=vn_slug(name),
            defaults={"name": name, "kind": kind, "is_current": True, "merged_into": None},
        )
    for name, into in FORMER.items():
        Province.objects.update_or_create(
            slug=vn_slug(name),
            defaults={
                "name": name,
                "kind": PROVINCE,
                "is_current": False,
                "merged_into": current[into],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("advisories", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
