"""Scans read by OCR in the job worker (issue 16): the record the publisher's page follows.

A new table: nothing stored before changes. Its two indexes are the import
page's list of a sender's latest readings and the housekeeping's look-ups.
"""

import advisories.readings
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('advisories', '0013_letter_text_limits'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LetterReading',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(blank=True, editable=False, max_length=200, upload_to=advisories.readings.reading_path, verbose_name='tệp bản quét')),
                ('original_name', models.CharField(max_length=200, verbose_name='tên tệp')),
                ('status', models.CharField(choices=[('queued', 'Đang chờ đọc'), ('reading', 'Đang đọc'), ('done', 'Đã đọc xong'), ('failed', 'Không đọc được')], default='queued', max_length=10, verbose_name='trạng thái')),
                ('pages_read', models.PositiveSmallIntegerField(default=0, verbose_name='số trang đã đọc')),
                ('pages_total', models.PositiveSmallIntegerField(verbose_name='số trang')),
                ('text', models.TextField(blank=True, help_text='Chữ OCR đọc được đến giờ; khi không đọc được, cán bộ chép lại từ đây.', verbose_name='văn bản đã đọc')),
                ('error', models.TextField(blank=True, verbose_name='lý do không đọc được')),
                ('found_existing', models.BooleanField(default=False, verbose_name='công văn đã có trên cổng')),
                ('issuer_created', models.BooleanField(default=False, verbose_name='đã thêm cơ quan mới')),
                ('original_attached', models.BooleanField(default=False, verbose_name='đã đính kèm bản gốc')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='gửi lúc')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='bắt đầu đọc lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='xong lúc')),
                ('advisory', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='advisories.advisory', verbose_name='bản nháp')),
                ('issuer', models.ForeignKey(blank=True, help_text='Để trống: theo tiêu đề, ký hiệu và địa danh của công văn.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='advisories.organization', verbose_name='cơ quan ban hành đã chọn')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người gửi')),
            ],
            options={
                'verbose_name': 'bản quét đang đọc',
                'verbose_name_plural': 'bản quét đang đọc',
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['uploaded_by', '-created_at'], name='reading_latest_by_sender'), models.Index(fields=['status', 'updated_at'], name='reading_status_updated')],
                'constraints': [models.CheckConstraint(condition=models.Q(('pages_read__lte', models.F('pages_total'))), name='reading_pages_read_at_most_total')],
            },
        ),
    ]
