"""The provincial Sở Khoa học và Công nghệ of the 34 current units.

The Sở Thông tin và Truyền thông merged into the Sở Khoa học và Công nghệ on
1 March 2025: letters since then carry its header and the symbol SKHCN.
Idempotent: re-running it changes nothing that is already right.
"""

from django.db import migrations

HEADER = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
CITY = "thanh-pho"


def load(apps, schema_editor):
    Organization = apps.get_model("advisories", "Organization")
    Province = apps.get_model("advisories", "Province")
    for province in Province.objects.filter(is_current=True):
        unit = "thành phố" if province.kind == CITY else "tỉnh"
        Organization.objects.update_or_create(
            slug=f"skhcn-{province.slug}",
            defaults={
                "name": f"Sở Khoa học và Công nghệ {unit} {province.name}",
                "header_name": HEADER,
                "parent_body": f"UBND {unit} {province.name}".upper(),
                "symbol": "SKHCN",
                "level": "provincial",
                "province": province,
                "place": province.name,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("advisories", "0010_advisory_original")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
