"""The scam-pattern taxonomy of PRODUCT.md, and publishing rights for the roles."""

from django.db import migrations

from advisories.roles import ADMINISTRATORS, PUBLISHERS, grant

PATTERNS = [
    ("mao-danh-co-quan", "Mạo danh lãnh đạo, cán bộ cơ quan nhà nước",
     "Tự xưng lãnh đạo, cán bộ Sở Thông tin và Truyền thông, Công an tỉnh…"),
    ("khoa-sim", "Dọa khóa, thu hồi SIM",
     "Báo thuê bao chưa đủ thông tin đăng ký nên sẽ bị khóa hoặc thu hồi."),
    ("lien-quan-vu-an", "Báo liên quan đến vụ án",
     "Nói người nghe dính líu vụ án đang điều tra: ma túy, đăng tin chống phá…"),
    ("moi-lam-viec", "“Mời” làm việc qua điện thoại",
     "Mời lên làm việc về vi phạm trên mạng xã hội."),
    ("chuyen-tien", "Yêu cầu chuyển tiền, nộp tiền",
     "Đòi chuyển khoản, nộp tiền để “không bị thu hồi số” hay “được giúp đỡ”."),
    ("ket-ban-zalo", "Đề nghị kết bạn Zalo", "Yêu cầu kết bạn Zalo để “làm việc”."),
    ("duong-link-la", "Gửi đường link lạ", "Gửi đường link, yêu cầu bấm vào hoặc cài ứng dụng."),
    ("de-doa-quay-roi", "Đe dọa, quấy rối, xúc phạm",
     "Uy hiếp, lăng mạ khi người nghe không làm theo."),
]  # fmt: skip

ADVISORY_MODELS = ["advisory", "citeddocument"]


def load(apps, schema_editor):
    ScamPattern = apps.get_model("advisories", "ScamPattern")
    for position, (slug, name, description) in enumerate(PATTERNS):
        ScamPattern.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )

    crud = ("add", "change", "delete", "view")
    grant(
        apps,
        PUBLISHERS,
        ["advisories.view_province", "advisories.view_organization", "advisories.view_scampattern"]
        + [f"advisories.{action}_{model}" for model in ADVISORY_MODELS for action in crud],
    )
    grant(
        apps,
        ADMINISTRATORS,
        [
            f"{app}.{action}_{model}"
            for app, model in [
                ("advisories", "province"),
                ("advisories", "organization"),
                ("advisories", "scampattern"),
                ("advisories", "advisory"),
                ("advisories", "citeddocument"),
                ("auth", "user"),
                ("auth", "group"),
            ]
            for action in crud
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("advisories", "0005_advisories")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
