"""A letter's free text has a maximum length (advisories.limits): issue 15.

Validators only, checked by the model and its forms: nothing changes in the
database, and a letter stored before keeps its text.
"""

import advisories.limits
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('advisories', '0012_public_pages_indexes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='advisory',
            name='content',
            field=models.TextField(help_text='Các đoạn cách nhau một dòng trống; dòng bắt đầu bằng “- ” là gạch đầu dòng; **in đậm**, *in nghiêng*. Không dùng HTML.', validators=[advisories.limits.MaxTextLength(100000)], verbose_name='nội dung'),
        ),
        migrations.AlterField(
            model_name='advisory',
            name='distribution',
            field=models.TextField(blank=True, help_text='Mỗi nơi nhận một dòng, theo thứ tự trong văn bản.', validators=[advisories.limits.MaxTextLength(5000)], verbose_name='nơi nhận'),
        ),
        migrations.AlterField(
            model_name='advisory',
            name='recipients',
            field=models.TextField(blank=True, help_text='Mỗi nơi nhận một dòng, theo thứ tự trong văn bản.', validators=[advisories.limits.MaxTextLength(5000)], verbose_name='kính gửi'),
        ),
        migrations.AlterField(
            model_name='advisory',
            name='summary',
            field=models.TextField(help_text='Phần sau “V/v”, ví dụ: cảnh báo các cuộc gọi mạo danh…', validators=[advisories.limits.MaxTextLength(1000)], verbose_name='trích yếu'),
        ),
    ]
