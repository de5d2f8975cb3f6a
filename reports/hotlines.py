"""The reporting lines the 2024 letters announce (PRODUCT.md), loaded once and then edited in admin.

Loading never overwrites a line staff have edited: it creates missing lines
and links each to its letter once the letter has been imported. The lines it
creates are approved at once (reports.hotlines_approval.approve_reference):
they are reviewed with the code, not typed by one staff member.
"""

from django.db import transaction

from advisories.models import Advisory, Organization, Province

from .hotlines_approval import approve_reference
from .models import Channel, Hotline

ALL_KINDS = "S V LD"
CALLS = "V LD"

# number, channel, kinds, province slug (None: national), label, note,
# (issuer slug, year, month) of the letter that announced it, position.
HOTLINES = [
    (
        "156",
        Channel.SMS,
        ALL_KINDS,
        None,
        "Đầu số 156: nhắn tin phản ánh tin nhắn rác, cuộc gọi rác, lừa đảo",
        "Miễn phí. Cú pháp: S, V hoặc LD, nguồn, nội dung.",
        ("stttt-dak-lak", 2024, 1),
        10,
    ),
    (
        "5656",
        Channel.SMS,
        ALL_KINDS,
        None,
        "Đầu số 5656: nhắn tin phản ánh tin nhắn rác, cuộc gọi rác, lừa đảo",
        "Miễn phí. Cú pháp: S, V hoặc LD, nguồn, nội dung.",
        ("stttt-dak-lak", 2024, 1),
        20,
    ),
    (
        "156",
        Channel.CALL,
        CALLS,
        None,
        "Tổng đài 156: gọi để trình bày với điện thoại viên",
        "Miễn phí.",
        ("stttt-ninh-binh", 2024, 2),
        30,
    ),
    (
        "0692348560",
        Channel.CALL,
        CALLS,
        "ninh-thuan",
        "Trực ban hình sự, Cục Cảnh sát hình sự",
        "Gọi để được hướng dẫn kịp thời; giữ lại bằng chứng (tin nhắn, ghi âm cuộc gọi).",
        ("stttt-ninh-thuan", 2024, 9),
        10,
    ),
    (
        "0888596677",
        Channel.CALL,
        CALLS,
        "binh-phuoc",
        "Phòng Thanh tra, Sở Thông tin và Truyền thông Bình Phước",
        "Cung cấp số điện thoại của đối tượng để theo dõi, xử lý (công văn ghi: gặp đồng chí "
        "Lê Nguyên Tánh). Sở TTTT đã hợp nhất vào Sở Khoa học và Công nghệ từ 01/3/2025.",
        ("stttt-binh-phuoc", 2024, 9),
        20,
    ),
]


def _letter(issuer_slug, year, month):
    return (
        Advisory.objects.published()
        .filter(issuer__slug=issuer_slug, issued_year=year, issued_month=month)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def load_hotlines():
    """Create the missing lines, link lines to their letters; returns (created, linked)."""
    created = linked = 0
    for number, channel, kinds, province_slug, label, note, letter, position in HOTLINES:
        province = Province.objects.get(slug=province_slug) if province_slug else None
        line, was_created = Hotline.objects.get_or_create(
            number=number,
            channel=channel,
            province=province,
            defaults={
                "scope": Hotline.Scope.PROVINCIAL if province else Hotline.Scope.NATIONAL,
                "kinds": kinds,
                "label": label,
                "note": note,
                "announced_by": Organization.objects.filter(slug=letter[0]).first(),
                "announced_year": letter[1],
                "announced_month": letter[2],
                "position": position,
            },
        )
        created += was_created
        if was_created:
            approve_reference(line)
        if line.source_advisory_id is None:
            advisory = _letter(*letter)
            if advisory is not None:
                line.source_advisory = advisory
                line.save(update_fields=["source_advisory"])
                linked += 1
    return created, linked
