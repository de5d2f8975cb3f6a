"""Province.case_code: the letters of a report's case number (DL-2026-000123).

Numbered 0016 and depending on 0014: 0015 comes from work done alongside;
whoever merges rewires the chain. The codes come from advisories.case_codes,
where load_reference_data also finds them (a unit added later gets its code
there); a code an administrator changed is kept.
"""

from django.core.validators import RegexValidator
from django.db import migrations, models


def fill(apps, schema_editor):
    from advisories.case_codes import fill_case_codes

    fill_case_codes(apps.get_model("advisories", "Province"))


class Migration(migrations.Migration):
    dependencies = [("advisories", "0015_letter_approval")]

    operations = [
        migrations.AddField(
            model_name="province",
            name="case_code",
            field=models.CharField(
                blank=True,
                help_text="Đầu số hồ sơ của phản ánh thuộc tỉnh, thành phố này, ví dụ DL trong DL-2026-000123. Đổi mã không đổi số hồ sơ đã cấp.",
                max_length=4,
                null=True,
                validators=[
                    RegexValidator("^[A-Z]{2,4}$", "Từ 2 đến 4 chữ cái in hoa, không dấu."),
                    RegexValidator(
                        "^QG$",
                        "Mã này dành cho phản ánh không thuộc tỉnh, thành phố nào.",
                        inverse_match=True,
                    ),
                ],
                verbose_name="mã hồ sơ",
            ),
        ),
        migrations.AddConstraint(
            model_name="province",
            constraint=models.UniqueConstraint(
                fields=("case_code",), name="province_case_code_unique"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
