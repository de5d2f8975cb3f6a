"""Reproducible demo letters: published advisories by many provinces' departments.

Written like the five seed letters (mạo danh Sở TTTT and the police, SIM
locks, "sinh trắc học", Zalo, strange links, 156/5656) and issued by the body
that existed at the letter's date: the Sở Thông tin và Truyền thông of one of
the 63 former provinces until 1 March 2025, then the Sở Khoa học và Công nghệ,
of one of the 34 current units from 1 July 2025 (PRODUCT.md).

bulk_create skips Advisory.save(): issued_on, search_text and numbers come
from Advisory.fill_derived_fields(), the one save() uses, so the letters sort,
are found by the public search and answer the number look-up.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from portal.bulk import given_timestamps

from .citations import find_citations
from .models import Advisory, CitedDocument, DatePrecision, Organization, Province, ScamPattern
from .pattern_rules import detect_patterns

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
STTTT_UNTIL = datetime.date(2025, 3, 1)  # the Sở TTTT merged into the Sở KH&CN
MERGER = datetime.date(2025, 7, 1)  # 63 provinces became 34
YEARS = 3
BATCH = 500
NUMBERED = 0.8  # registered letters; the others keep a blank number and day, as the seeds

BODIES = {
    "STTTT": ("Sở Thông tin và Truyền thông", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
    "SKHCN": ("Sở Khoa học và Công nghệ", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
}
OFFICES = ["TTra", "BCVT", "CNTT"]

# theme → (summaries after "V/v", the paragraph describing the scam)
THEMES = {
    "mao-danh": (
        [
            "cảnh báo các cuộc gọi mạo danh cán bộ {body} để lừa đảo",
            "cảnh báo việc lợi dụng danh nghĩa công chức {body} để gọi điện lừa đảo",
        ],
        "Thời gian gần đây, trên địa bàn {where} xuất hiện tình trạng một số đối tượng mạo danh "
        "lãnh đạo, cán bộ {body}, Công an tỉnh gọi điện thoại cho người dân, doanh nghiệp, "
        "yêu cầu cung cấp thông tin cá nhân, chuyển tiền hoặc kết bạn Zalo để “làm việc”.",
    ),
    "sim": (
        [
            "cảnh giác với thủ đoạn dọa khóa thuê bao, yêu cầu cập nhật sinh trắc học",
            "cảnh báo thủ đoạn thông báo thu hồi SIM do chưa chuẩn hóa thông tin thuê bao",
        ],
        "Các đối tượng tự xưng là nhân viên nhà mạng hoặc cán bộ cơ quan quản lý viễn thông, "
        "thông báo thuê bao chưa chuẩn hóa thông tin, chưa cập nhật sinh trắc học nên sẽ bị "
        "khóa SIM hoặc thu hồi số thuê bao, rồi yêu cầu người nghe đọc mã OTP hoặc bấm vào "
        "đường link lạ để “xác thực”.",
    ),
    "tin-nhan": (
        [
            "cảnh báo tin nhắn giả mạo tên định danh ngân hàng, điện lực kèm đường link lạ",
            "cảnh báo tin nhắn lừa đảo về khoản phạt nguội giao thông",
        ],
        "Nhiều tin nhắn giả mạo tên định danh của ngân hàng, điện lực, cơ quan thuế được gửi "
        "đến người dân với nội dung tài khoản sắp bị khóa hoặc có khoản phạt chưa nộp, kèm "
        "đường link dẫn đến trang web giả mạo để đánh cắp thông tin đăng nhập và chiếm đoạt "
        "tiền trong tài khoản.",
    ),
    "vu-an": (
        [
            "cảnh báo việc giả danh cơ quan công an thông báo liên quan đến vụ án",
            "cảnh giác với cuộc gọi thông báo liên quan đến vụ án ma túy, rửa tiền",
        ],
        "Các đối tượng giả danh cán bộ công an, viện kiểm sát, thông báo người nghe có liên "
        "quan đến vụ án đang điều tra (ma túy, rửa tiền, đăng tin chống phá Nhà nước), đe dọa "
        "bắt giam và yêu cầu chuyển tiền vào “tài khoản tạm giữ” để phục vụ điều tra.",
    ),
    "moi-lam-viec": (
        [
            "cảnh giác lừa đảo bằng hình thức gọi điện thoại mời làm việc",
            "cảnh báo cuộc gọi mời làm việc về vi phạm trên mạng xã hội",
        ],
        "Một số đối tượng mạo danh lãnh đạo {body} gọi điện mời chủ thuê bao lên làm việc vì "
        "cho rằng có hành vi vi phạm các quy định trên mạng xã hội như chia sẻ tin giả, tham "
        "gia nhóm có nội dung xấu, sau đó đề nghị kết bạn Zalo để “làm việc trực tuyến”.",
    ),
    "quay-roi": (
        [
            "cảnh báo các số điện thoại gọi điện đe dọa, quấy rối người dân",
            "tăng cường phòng ngừa cuộc gọi rác, tin nhắn rác và cuộc gọi lừa đảo",
        ],
        "Tình trạng cuộc gọi rác, tin nhắn rác quảng cáo, mời vay tiền, cá cược trực tuyến và "
        "các cuộc gọi đe dọa, quấy rối, xúc phạm người nghe tiếp tục diễn biến phức tạp, gây "
        "bức xúc trong nhân dân.",
    ),
}
CITATIONS = [
    "Thực hiện Chỉ thị số 12/CT-TTg ngày 25/4/2019 của Thủ tướng Chính phủ về tăng cường "
    "phòng ngừa, đấu tranh với tội phạm và vi phạm pháp luật liên quan đến hoạt động lừa "
    "đảo chiếm đoạt tài sản;",
    "Thực hiện Công văn số {n}/CATTT-NCSC ngày {date} của Cục An toàn thông tin về việc "
    "cảnh báo các hình thức lừa đảo trực tuyến;",
    "Căn cứ Công văn số {n}/UBND-KGVX ngày {date} của Ủy ban nhân dân {where} về tăng cường "
    "công tác tuyên truyền phòng, chống lừa đảo;",
]
REQUESTS = [
    "Tuyên truyền, phổ biến đến toàn thể cán bộ, công chức, viên chức, người lao động và "
    "người dân về các thủ đoạn trên để nâng cao cảnh giác.",
    "Không kết bạn Zalo, không làm theo hướng dẫn của người lạ qua điện thoại.",
    "Không bấm vào đường link lạ, không cài đặt ứng dụng ngoài kho ứng dụng chính thức.",
    "Không cung cấp mã OTP, số căn cước, thông tin tài khoản ngân hàng cho bất kỳ ai.",
    "Không chuyển tiền theo yêu cầu của người tự xưng là cán bộ cơ quan nhà nước.",
    "Khi nhận cuộc gọi có dấu hiệu bất thường, liên hệ trực tiếp cơ quan chức năng để xác minh.",
    "Lưu lại bằng chứng (*tin nhắn hoặc ghi âm cuộc gọi*) và thông báo ngay cho cơ quan "
    "công an nơi gần nhất.",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE_NAMES = ["Văn", "Thị", "Minh", "Quang", "Thanh", "Ngọc", "Hữu", "Đức", "Xuân"]
GIVEN_NAMES = ["Hùng", "Lan", "Hà", "Tuấn", "Dũng", "Hương", "Nam", "Mai", "Sơn", "Tâm", "Bình"]


def _issuer(province, day, cache):
    """The body that warned people in this province on this day (made if missing)."""
    symbol = "STTTT" if day < STTTT_UNTIL else "SKHCN"
    slug = f"{symbol.lower()}-{province.slug}"
    if slug not in cache:
        name, header = BODIES[symbol]
        where = province.full_name
        cache[slug], _created = Organization.objects.get_or_create(
            slug=slug,
            defaults={
                "name": f"{name} {where[0].lower()}{where[1:]}",
                "header_name": header,
                "parent_body": f"UBND {where.upper()}",
                "symbol": symbol,
                "level": Organization.Level.PROVINCIAL,
                "province": province,
                "place": province.name,
            },
        )
    return cache[slug]


def _name(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


class LetterMaker:
    """Drafts letters from a seeded generator; `run()` stores them, published."""

    def __init__(self, rng, now, numbers=(), lines=None):
        self.rng, self.now = rng, now
        self.numbers = list(numbers)  # sources worth naming in a letter (confirmed scams)
        self.lines = lines or {}  # province slug → [(number, owner)] to report to
        provinces = list(Province.objects.select_related("merged_into").order_by("slug"))
        self.current = [p for p in provinces if p.is_current]
        slugs = {p.slug for p in provinces}
        # Before the merger: the 63 units, Thừa Thiên Huế rather than Huế.
        self.former = [p for p in provinces if p.slug != "hue" or "thua-thien-hue" not in slugs]
        self.issuers = {}

    def run(self, count):
        made = 0
        while made < count:
            size = min(BATCH, count - made)
            drafts = [self._draft() for _ in range(size)]
            with transaction.atomic(), given_timestamps(Advisory):
                self._write(drafts)
            made += size
        return made

    def _draft(self):
        rng = self.rng
        today = self.now.astimezone(VIETNAM).date()
        day = today - datetime.timedelta(days=rng.randrange(YEARS * 365))
        province = rng.choice(self.current if day >= MERGER else self.former)
        issuer = _issuer(province, day, self.issuers)
        numbered = rng.random() < NUMBERED
        theme = rng.choice(sorted(THEMES))
        summaries, description = THEMES[theme]
        body = BODIES[issuer.symbol][0]
        where = province.full_name[0].lower() + province.full_name[1:]
        summary = rng.choice(summaries).format(body=body)
        content = self._content(description, body, where, issuer, province, day)
        # Districts were abolished with the merger: letters then go to communes and wards.
        if day < MERGER:
            local = "UBND các huyện, thị xã, thành phố;"
        else:
            local = "UBND các xã, phường, đặc khu;"
        unit = "thành phố" if province.kind == Province.Kind.CITY else "tỉnh"
        published = datetime.datetime.combine(
            day + datetime.timedelta(days=rng.randrange(0, 6)),
            datetime.time(rng.randrange(7, 18), rng.randrange(60)),
            tzinfo=VIETNAM,
        )
        published = min(published, self.now)
        deputy = rng.random() < 0.6
        letter = Advisory(
            issuer=issuer,
            number=str(rng.randrange(50, 3200)) if numbered else "",
            symbol=f"{issuer.symbol}-{rng.choice(OFFICES)}",
            place=province.name,
            issued_year=day.year,
            issued_month=day.month,
            issued_day=day.day if numbered else None,
            date_precision=DatePrecision.DAY if numbered else DatePrecision.MONTH,
            summary=summary,
            recipients="\n".join(
                [f"Các sở, ban, ngành thuộc {unit};", local, "Các doanh nghiệp viễn thông."]
            ),
            content=content,
            signer_authority="KT. GIÁM ĐỐC" if deputy else "",
            signer_title="PHÓ GIÁM ĐỐC" if deputy else "GIÁM ĐỐC",
            signer_name=_name(rng),
            distribution="\n".join(
                ["Như trên;", f"UBND {unit} (b/c);", f"Công an {unit};", "Lưu: VT."]
            ),
            # Published directly, no second approval (advisories.approval): demo letters
            # are made up by this seeded generator, for a demo database only, and
            # bulk-created; no staff member proposes them, so no one could approve.
            status=Advisory.Status.PUBLISHED,
            published_at=published,
            created_at=published,
            updated_at=published,
        )
        letter.fill_derived_fields()
        return letter

    def _content(self, description, body, where, issuer, province, day):
        rng = self.rng
        paragraphs = []
        if rng.random() < 0.5:
            cited = day - datetime.timedelta(days=rng.randrange(10, 200))
            paragraphs.append(
                rng.choice(CITATIONS).format(
                    n=rng.randrange(100, 3000),
                    date=f"{cited.day}/{cited.month}/{cited.year}",
                    where=where,
                )
            )
        paragraphs.append(description.format(body=body, where=where))
        if self.numbers and rng.random() < 0.5:
            named = rng.sample(self.numbers, min(len(self.numbers), rng.randrange(1, 4)))
            paragraphs.append(
                "Qua phản ánh của người dân, các nguồn sau đã gọi điện, nhắn tin lừa đảo: "
                + ", ".join(f"**{number}**" for number in named)
                + "."
            )
        paragraphs.append(
            f"{issuer.name} chính thức thông báo: cơ quan nhà nước không gọi điện yêu cầu "
            "người dân cung cấp thông tin cá nhân, chuyển tiền hay kết bạn Zalo để làm việc. "
            "Đó là hành vi lừa đảo, mạo danh."
        )
        paragraphs.append(f"Để chủ động phòng ngừa, {issuer.name} đề nghị:")
        paragraphs.append("\n".join(f"- {r}" for r in rng.sample(REQUESTS, rng.randrange(3, 6))))
        channels = (
            "Phản ánh cuộc gọi rác, tin nhắn rác, cuộc gọi lừa đảo đến đầu số **156** hoặc "
            "**5656** theo cú pháp: **LD [Nguồn] [Nội dung] gửi 156**"
        )
        for number, owner in self.lines.get(province.resolve().slug, []):
            channels += f"; hoặc báo {owner}, số điện thoại **{number}**"
        paragraphs.append(channels + ".")
        paragraphs.append("Rất mong các cơ quan, đơn vị và nhân dân nâng cao cảnh giác.")
        paragraphs.append("Trân trọng./.")
        return "\n\n".join(paragraphs)

    def _write(self, letters):
        taken = set()
        for letter in letters:
            # unique_slug() sees the stored letters; this batch's are only in `taken`.
            slug = base = letter.unique_slug()
            n = 1
            while slug in taken or (n > 1 and Advisory.objects.filter(slug=slug).exists()):
                n += 1
                slug = f"{base}-{n}"
            letter.slug = slug
            taken.add(slug)
        Advisory.objects.bulk_create(letters)
        Through = Advisory.patterns.through
        patterns = dict(ScamPattern.objects.values_list("slug", "pk"))
        Through.objects.bulk_create(
            Through(advisory_id=letter.pk, scampattern_id=patterns[slug])
            for letter in letters
            for slug in detect_patterns(f"{letter.summary}\n{letter.content}")
            if slug in patterns
        )
        CitedDocument.objects.bulk_create(
            CitedDocument(
                advisory=letter,
                position=position,
                kind=citation.kind,
                number_symbol=citation.number_symbol,
                issued_on=citation.issued_on,
                issuer_as_written=citation.issuer_as_written,
            )
            for letter in letters
            for position, citation in enumerate(find_citations(letter.content))
        )
