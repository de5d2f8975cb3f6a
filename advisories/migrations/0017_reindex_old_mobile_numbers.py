from django.db import migrations

from advisories.numbers import number_index


def reindex(apps, schema_editor):
    """Letters naming a pre-2018 mobile (`0168 8888 888`) are found by today's number.

    advisories.numbers now stores 0388888888 for it, as the look-up converts what
    citizens type; the letters stored before that get the same.
    """
    Advisory = apps.get_model("advisories", "Advisory")
    changed = []
    for letter in Advisory.objects.only("pk", "summary", "content", "numbers").iterator(2000):
        numbers = number_index(letter.summary, letter.content)
        if numbers != letter.numbers:
            letter.numbers = numbers
            changed.append(letter)
    Advisory.objects.bulk_update(changed, ["numbers"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0016_province_case_code"),
    ]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
