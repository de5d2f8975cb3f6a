"""Number marks wait for a second staff member: official lines and overturning marks.

Existing marks stay in force (`state` defaults to in_force). Supervisors,
national inspectors and administrators get `reports.approve_numbermark`.
"""


import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from advisories.roles import ADMINISTRATORS, extend
from reports.roles import NATIONAL_INSPECTORS, SUPERVISORS


def grant(apps, schema_editor):
    for name in (SUPERVISORS, NATIONAL_INSPECTORS, ADMINISTRATORS):
        extend(apps, name, ["reports.approve_numbermark"])



class Migration(migrations.Migration):

    dependencies = [
        ('advisories', '0014_letter_readings'),
        ('reports', '0016_bulk_steps'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='numbermark',
            options={'ordering': ['source', '-created_at'], 'permissions': [('approve_numbermark', 'Duyệt kết luận về số do cán bộ khác đề xuất')], 'verbose_name': 'kết luận về số', 'verbose_name_plural': 'kết luận về số'},
        ),
        migrations.RemoveConstraint(
            model_name='numbermark',
            name='number_mark_one_active_per_province',
        ),
        migrations.RemoveConstraint(
            model_name='numbermark',
            name='number_mark_one_active_national',
        ),
        migrations.AddField(
            model_name='numbermark',
            name='decided_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='duyệt lúc'),
        ),
        migrations.AddField(
            model_name='numbermark',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người duyệt'),
        ),
        migrations.AddField(
            model_name='numbermark',
            name='decision_note',
            field=models.TextField(blank=True, max_length=1000, verbose_name='ghi chú khi duyệt'),
        ),
        migrations.AddField(
            model_name='numbermark',
            name='state',
            field=models.CharField(choices=[('pending', 'chờ duyệt'), ('in_force', 'có hiệu lực'), ('refused', 'bị từ chối')], default='in_force', help_text='Số chính thức và kết luận đảo ngược kết luận đang hiển thị chờ một cán bộ khác cùng phạm vi duyệt.', max_length=10, verbose_name='trạng thái'),
        ),
        migrations.AddField(
            model_name='numbermark',
            name='withdrawal_requested_at',
            field=models.DateTimeField(blank=True, help_text='Rút lại một kết luận đang có hiệu lực chờ một cán bộ khác duyệt.', null=True, verbose_name='đề nghị rút lại lúc'),
        ),
        migrations.AddField(
            model_name='numbermark',
            name='withdrawal_requested_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người đề nghị rút lại'),
        ),
        migrations.AddIndex(
            model_name='numbermark',
            index=models.Index(condition=models.Q(('state', 'pending'), ('withdrawn_at__isnull', True)), fields=['created_at'], name='number_mark_pending'),
        ),
        migrations.AddConstraint(
            model_name='numbermark',
            constraint=models.UniqueConstraint(condition=models.Q(('province__isnull', False), ('withdrawn_at__isnull', True), models.Q(('state', 'refused'), _negated=True)), fields=('source', 'kind', 'province'), name='number_mark_one_active_per_province'),
        ),
        migrations.AddConstraint(
            model_name='numbermark',
            constraint=models.UniqueConstraint(condition=models.Q(('province__isnull', True), ('withdrawn_at__isnull', True), models.Q(('state', 'refused'), _negated=True)), fields=('source', 'kind'), name='number_mark_one_active_national'),
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
