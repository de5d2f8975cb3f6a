"""Reply templates belong to a province or are national (no province).

Numbered 0020 and depending on 0017_mark_approval: 0018 and 0019 come from
work done alongside; whoever merges them rewires the chain. Existing
templates stay national.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('advisories', '0014_letter_readings'),
        ('reports', '0019_case_numbers'),
    ]

    operations = [
        migrations.AddField(
            model_name='replytemplate',
            name='province',
            field=models.ForeignKey(blank=True, help_text='Tỉnh, thành phố dùng mẫu này; để trống: mẫu toàn quốc, mọi thanh tra viên dùng được.', limit_choices_to={'is_current': True}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='advisories.province', verbose_name='phạm vi'),
        ),
    ]
