"""Bulk steps too large for a request, queued as jobs (reports.models.bulk.BulkStep).

Numbered 0016 and depending on 0013: 0014 and 0015 come from work done
alongside (exports as jobs, …); whoever merges them rewires the chain.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0015_exports"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BulkStep",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("review", "Bắt đầu xem xét"),
                            ("forward", "Chuyển cơ quan chức năng…"),
                            ("resolve", "Đánh dấu đã xử lý xong"),
                            ("reject", "Không xử lý…"),
                            ("reopen", "Mở lại để xem xét…"),
                            ("assign_to_me", "Nhận xử lý (giao cho tôi)"),
                            ("unassign", "Trả lại (bỏ giao)"),
                            ("assign", "Giao cho cán bộ…"),
                            (
                                "erase_personal_data",
                                "Xóa thông tin liên hệ và tệp đính kèm theo yêu cầu của người dân",
                            ),
                        ],
                        max_length=20,
                        verbose_name="thao tác",
                    ),
                ),
                (
                    "details",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="Nơi chuyển, lý do, mã phản ánh gốc, ghi chú, trả lời, người được giao: như trang xác nhận đã nhận.",
                        verbose_name="chi tiết",
                    ),
                ),
                (
                    "query",
                    models.TextField(
                        blank=True,
                        help_text="Bộ lọc và từ tìm của danh sách, như trên địa chỉ của danh sách.",
                        verbose_name="bộ lọc",
                    ),
                ),
                (
                    "select_across",
                    models.BooleanField(
                        default=False,
                        help_text="Mọi phản ánh của bộ lọc, không chỉ các dòng được đánh dấu.",
                        verbose_name="chọn cả danh sách",
                    ),
                ),
                (
                    "picked_ids",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Khi không chọn cả danh sách.",
                        verbose_name="các dòng được đánh dấu",
                    ),
                ),
                (
                    "scope",
                    models.JSONField(
                        blank=True,
                        help_text="Các tỉnh, thành phố người yêu cầu xử lý lúc đó (trống: mọi tỉnh): việc chạy sau không bao giờ chạm tới phản ánh ngoài phạm vi ấy, dù sau đó được giao thêm.",
                        null=True,
                        verbose_name="phạm vi lúc yêu cầu",
                    ),
                ),
                (
                    "last_report_id",
                    models.BigIntegerField(
                        default=0,
                        help_text="Phản ánh gửi sau lúc yêu cầu không thuộc thao tác này.",
                        verbose_name="phản ánh mới nhất lúc yêu cầu",
                    ),
                ),
                ("filter_text", models.TextField(blank=True, verbose_name="bộ lọc (bằng lời)")),
                (
                    "selected",
                    models.PositiveIntegerField(default=0, verbose_name="số phản ánh đã chọn"),
                ),
                (
                    "report_ids",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Lựa chọn như lúc bắt đầu chạy, để đếm chính xác từng phần.",
                        verbose_name="các phản ánh sẽ xử lý",
                    ),
                ),
                (
                    "resolved_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="xác định lựa chọn lúc"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Đang chờ"),
                            ("running", "Đang chạy"),
                            ("done", "Đã xong"),
                            ("failed", "Dừng vì lỗi"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="tình trạng",
                    ),
                ),
                ("total", models.PositiveIntegerField(default=0, verbose_name="tổng số")),
                ("done", models.PositiveIntegerField(default=0, verbose_name="đã làm")),
                (
                    "skipped",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="Số phản ánh bỏ qua, theo lý do.",
                        verbose_name="bỏ qua",
                    ),
                ),
                ("message", models.TextField(blank=True, verbose_name="lý do dừng")),
                ("tries", models.PositiveSmallIntegerField(default=0, verbose_name="số lần chạy")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="yêu cầu lúc")),
                (
                    "started_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="bắt đầu lúc"),
                ),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="kết thúc lúc"),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người yêu cầu",
                    ),
                ),
            ],
            options={
                "verbose_name": "thao tác hàng loạt",
                "verbose_name_plural": "thao tác hàng loạt",
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(
                        fields=["requested_by", "-created_at", "-id"], name="bulk_step_mine"
                    )
                ],
            },
        ),
    ]
