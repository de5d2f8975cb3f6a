"""A first set of replies to citizens, one or more per state; supervisors edit them in admin."""

from django.db import migrations

TEMPLATES = [
    ("in_review", "Đang xem xét",
     "Thanh tra đã nhận và đang xem xét phản ánh của bạn về số {source}. Cảm ơn bạn đã báo."),
    ("forwarded", "Chuyển công an",
     "Phản ánh về số {source} đã được chuyển tới cơ quan công an để xác minh, xử lý. Nếu bạn "
     "đã chuyển tiền, hãy đến cơ quan công an gần nhất để trình báo trực tiếp."),
    ("forwarded", "Chuyển nhà mạng",
     "Phản ánh về số {source} đã được chuyển tới nhà mạng quản lý số đó để ngăn chặn."),
    ("forwarded", "Chuyển sở, ngành",
     "Phản ánh về số {source} đã được chuyển tới cơ quan chức năng có thẩm quyền để xử lý."),
    ("resolved", "Đã xử lý",
     "Phản ánh về số {source} đã được xử lý xong. Cảm ơn bạn đã góp phần cảnh báo lừa đảo."),
    ("rejected", "Trùng phản ánh khác",
     "Phản ánh của bạn trùng với một phản ánh khác về số {source}, nên được gộp lại và xử lý "
     "chung."),
    ("rejected", "Không có dấu hiệu lừa đảo",
     "Sau khi xem xét, thanh tra chưa thấy dấu hiệu lừa đảo hay quấy rối từ số {source}."),
    ("rejected", "Chưa đủ thông tin",
     "Phản ánh chưa đủ thông tin để xử lý. Nếu số {source} liên lạc lại, hãy gửi phản ánh mới "
     "kèm ảnh chụp tin nhắn hoặc ghi âm cuộc gọi."),
]  # fmt: skip


def load(apps, schema_editor):
    ReplyTemplate = apps.get_model("reports", "ReplyTemplate")
    for position, (status, title, text) in enumerate(TEMPLATES):
        ReplyTemplate.objects.get_or_create(
            status=status, title=title, defaults={"text": text, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_workflow_roles")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
