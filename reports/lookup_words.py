"""What the look-up says, fitted to what was looked up: the page and the API say the same.

The rules of the words (issue 18):
- a sender name is "tên người gửi", never "số", and the answer never says
  to call anything back: a real bank's brandname can carry a fake SMS;
- a bank account says what to do before transferring;
- a link or domain says not to enter passwords or OTP codes, and to type
  the bank's address oneself;
- a phone number keeps the words it had.
Only a confirmation by inspectors calls anything a scam (reports.lookup).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models.used import Subject

PHONE, SENDER, ACCOUNT, DOMAIN, SOCIAL = (
    Subject.PHONE,
    Subject.SENDER,
    Subject.BANK_ACCOUNT,
    Subject.DOMAIN,
    Subject.SOCIAL,
)


class Words:
    """The sentences for one LookupResult, in the active language."""

    def __init__(self, result):
        self.result = result
        self.kind = result.kind

    def _pick(self, **by_kind):
        return by_kind.get(self.kind, by_kind.get("other"))

    @property
    def what(self):
        """What was recognised, for the line above the heading."""
        if self.kind == SOCIAL:
            return _("Tài khoản %(platform)s") % {"platform": self.result.platform_label}
        return str(Subject(self.kind).label)

    @property
    def note(self):
        """How a bank account was looked up, when not by bank and number."""
        if self.result.unknown_bank:
            return _(
                "Không nhận ra ngân hàng “%(bank)s”: kết quả là số tài khoản này ở mọi ngân hàng."
            ) % {"bank": self.result.unknown_bank}
        if self.result.any_bank:
            return _("Tra theo số tài khoản ở mọi ngân hàng; ghi thêm tên ngân hàng để tra đúng.")
        return ""

    @property
    def official_title(self):
        return self._pick(
            phone=_("Đây là số chính thức của cơ quan nhà nước:"),
            other=_("Đã được thanh tra xác minh là chính thức:"),
        )

    def verified_owner(self, owner):
        values = {"owner": owner}
        return (
            self._pick(
                phone=_("Số chính thức đã được thanh tra xác minh của %(owner)s."),
                sender=_("Tên người gửi chính thức đã được thanh tra xác minh của %(owner)s."),
                bank_account=_("Tài khoản chính thức đã được thanh tra xác minh của %(owner)s."),
                domain=_("Trang web chính thức đã được thanh tra xác minh của %(owner)s."),
                social=_("Tài khoản chính thức đã được thanh tra xác minh của %(owner)s."),
            )
            % values
        )

    @property
    def verified_owners(self):
        return [self.verified_owner(owner) for owner in self.result.verified_owners]

    @property
    def official_warning(self):
        return self._pick(
            phone=_(
                "Kẻ gian có thể giả số hiển thị của cơ quan nhà nước: nếu nghi ngờ, hãy tự gọi "
                "lại số này thay vì làm theo cuộc gọi đến."
            ),
            sender=_(
                "Kẻ gian có thể giả tên người gửi này: tin nhắn giả mang đúng tên và có thể hiện "
                "chung với tin nhắn thật. Đừng bấm đường link trong tin nhắn; hãy tự mở ứng dụng "
                "hoặc tự gõ địa chỉ trang của họ."
            ),
            bank_account=_(
                "Trước khi chuyển, hãy xem kỹ tên chủ tài khoản mà ứng dụng ngân hàng hiện ra."
            ),
            domain=_(
                "Kiểm tra từng chữ của địa chỉ trước khi nhập gì: trang giả thường chỉ "
                "khác một chữ."
            ),
            social=_(
                "Kẻ gian có thể lập tài khoản khác mang cùng tên, cùng ảnh: hãy kiểm tra đúng "
                "đường link của tài khoản."
            ),
        )

    @property
    def confirmed(self):
        """The headline of a confirmed scam: how many reports, whose inspectors."""
        counter = self.result.reports
        values = {"counter": counter, "by": ", ".join(self.result.confirmed_by)}
        return (
            self._pick(
                phone=ngettext(
                    "Số này bị phản ánh %(counter)s lần; thanh tra %(by)s đã xác nhận đây là số "
                    "lừa đảo.",
                    "Số này bị phản ánh %(counter)s lần; thanh tra %(by)s đã xác nhận đây là số "
                    "lừa đảo.",
                    counter,
                ),
                sender=ngettext(
                    "Tên người gửi này bị phản ánh %(counter)s lần; thanh tra %(by)s đã xác "
                    "nhận tin nhắn mang tên này là lừa đảo.",
                    "Tên người gửi này bị phản ánh %(counter)s lần; thanh tra %(by)s đã xác "
                    "nhận tin nhắn mang tên này là lừa đảo.",
                    counter,
                ),
                bank_account=ngettext(
                    "Tài khoản này bị phản ánh %(counter)s lần; thanh tra %(by)s đã xác nhận "
                    "đây là tài khoản lừa đảo.",
                    "Tài khoản này bị phản ánh %(counter)s lần; thanh tra %(by)s đã xác nhận "
                    "đây là tài khoản lừa đảo.",
                    counter,
                ),
                domain=ngettext(
                    "Tên miền này bị phản ánh %(counter)s lần; thanh tra %(by)s đã xác nhận đây là "
                    "trang web lừa đảo.",
                    "Tên miền này bị phản ánh %(counter)s lần; thanh tra %(by)s đã xác nhận đây là "
                    "trang web lừa đảo.",
                    counter,
                ),
                social=ngettext(
                    "Tài khoản này bị phản ánh %(counter)s lần; thanh tra %(by)s đã xác nhận "
                    "đây là tài khoản lừa đảo.",
                    "Tài khoản này bị phản ánh %(counter)s lần; thanh tra %(by)s đã xác nhận "
                    "đây là tài khoản lừa đảo.",
                    counter,
                ),
            )
            % values
        )

    @property
    def confirmed_action(self):
        return self._pick(
            phone=_(
                "Đừng gọi lại, đừng làm theo yêu cầu của số này. Nếu đã lỡ chuyển tiền, hãy báo "
                "ngay cho ngân hàng và công an nơi gần nhất."
            ),
            sender=_(
                "Đừng bấm đường link, đừng làm theo tin nhắn mang tên này. Nếu đã lỡ nhập mật "
                "khẩu, mã OTP hay chuyển tiền, hãy báo ngay cho ngân hàng và công an nơi gần nhất."
            ),
            bank_account=_(
                "Đừng chuyển tiền vào tài khoản này. Nếu đã chuyển, hãy báo ngay cho ngân hàng "
                "của bạn để tra soát, và báo công an nơi gần nhất."
            ),
            domain=_(
                "Đừng mở trang này, đừng nhập mật khẩu, mã OTP hay thẻ ngân hàng vào đó. Nếu đã "
                "nhập, hãy báo ngay cho ngân hàng và đổi mật khẩu."
            ),
            social=_(
                "Đừng chuyển tiền, đừng gửi mã OTP hay ảnh giấy tờ cho tài khoản này. Nếu đã "
                "chuyển tiền, hãy báo ngay cho ngân hàng và công an nơi gần nhất."
            ),
        )

    @property
    def confirmed_banks(self):
        """For an account looked up by its number alone: at which banks it was confirmed."""
        if not self.result.any_bank:
            return ""
        banks = sorted({mark.source.partition(":")[0] for mark in self.result.scam_marks})
        if not banks:
            return ""
        return _("Kết luận cho tài khoản có số này tại: %(banks)s.") % {"banks": ", ".join(banks)}

    @property
    def reports_line(self):
        counter = self.result.reports
        last = self.result.last_reported
        values = {"counter": counter, "last": last.strftime("%d/%m/%Y") if last else ""}
        return (
            self._pick(
                phone=ngettext(
                    "%(counter)s phản ánh của người dân về số này, gần nhất ngày %(last)s:",
                    "%(counter)s phản ánh của người dân về số này, gần nhất ngày %(last)s:",
                    counter,
                ),
                sender=ngettext(
                    "%(counter)s phản ánh của người dân về tên người gửi này, gần nhất ngày "
                    "%(last)s:",
                    "%(counter)s phản ánh của người dân về tên người gửi này, gần nhất ngày "
                    "%(last)s:",
                    counter,
                ),
                domain=ngettext(
                    "%(counter)s phản ánh của người dân về tên miền này, gần nhất ngày %(last)s:",
                    "%(counter)s phản ánh của người dân về tên miền này, gần nhất ngày %(last)s:",
                    counter,
                ),
                other=ngettext(
                    "%(counter)s phản ánh của người dân về tài khoản này, gần nhất ngày %(last)s:",
                    "%(counter)s phản ánh của người dân về tài khoản này, gần nhất ngày %(last)s:",
                    counter,
                ),
            )
            % values
        )

    @property
    def unverified(self):
        return self._pick(
            phone=_(
                "Phản ánh chưa được cán bộ xác minh; kẻ gian cũng có thể giả số của người khác."
            ),
            sender=_(
                "Phản ánh chưa được cán bộ xác minh; kẻ gian cũng có thể giả tên người gửi của "
                "ngân hàng, cơ quan thật."
            ),
            other=_("Phản ánh chưa được cán bộ xác minh."),
        )

    @property
    def nobody(self):
        return self._pick(
            phone=_("Chưa có ai phản ánh số này trên cổng. Điều đó không có nghĩa là số an toàn."),
            sender=_(
                "Chưa có ai phản ánh tên người gửi này trên cổng. Điều đó không có nghĩa là tin "
                "nhắn an toàn: kẻ gian có thể giả cả tên người gửi của ngân hàng thật."
            ),
            bank_account=_(
                "Chưa có ai phản ánh tài khoản này trên cổng. Điều đó không có nghĩa là tài "
                "khoản an toàn."
            ),
            domain=_(
                "Chưa có ai phản ánh tên miền này trên cổng. Điều đó không có nghĩa là trang web "
                "an toàn."
            ),
            social=_(
                "Chưa có ai phản ánh tài khoản này trên cổng. Điều đó không có nghĩa là tài "
                "khoản an toàn."
            ),
        )

    @property
    def no_own_verdict(self):
        """For `?province=`: that the province has no verdict of its own."""
        if self.result.province is None:
            return ""
        values = {"where": self.result.province.name}
        return (
            self._pick(
                phone=_("%(where)s chưa có kết luận riêng về số này."),
                sender=_("%(where)s chưa có kết luận riêng về tên người gửi này."),
                domain=_("%(where)s chưa có kết luận riêng về tên miền này."),
                other=_("%(where)s chưa có kết luận riêng về tài khoản này."),
            )
            % values
        )

    @property
    def letters_line(self):
        counter = len(self.result.advisories)
        return self._pick(
            sender=ngettext(
                "%(counter)s công văn nhắc đến tên người gửi này:",
                "%(counter)s công văn nhắc đến tên người gửi này:",
                counter,
            ),
            other=ngettext(
                "%(counter)s công văn nhắc đến số này:",
                "%(counter)s công văn nhắc đến số này:",
                counter,
            ),
        ) % {"counter": counter}

    @property
    def advice(self):
        """What to do, for anything not official: short, in the order it matters."""
        no_money = _(
            "Cơ quan nhà nước không yêu cầu chuyển tiền, không mời làm việc và không khóa SIM qua "
            "điện thoại."
        )
        no_link = _(
            "Không bấm đường link lạ, không cài ứng dụng theo hướng dẫn, không đọc mã OTP cho ai."
        )
        return self._pick(
            phone=[no_money, no_link],
            sender=[
                _(
                    "Tên người gửi có thể bị giả: tin nhắn lừa đảo có thể mang đúng tên của ngân "
                    "hàng, cơ quan và hiện chung với tin nhắn thật."
                ),
                _(
                    "Đừng bấm đường link trong tin nhắn. Muốn hỏi ngân hàng, hãy tự mở ứng dụng "
                    "của ngân hàng hoặc dùng đường dây nóng in trên thẻ của bạn."
                ),
                no_link,
            ],
            bank_account=[
                _(
                    "Trước khi chuyển tiền: đừng chuyển cho người chỉ quen qua mạng hay qua điện "
                    "thoại, dù họ hứa hẹn hay đe dọa gì."
                ),
                _(
                    "Hỏi lại ngân hàng của bạn hoặc gặp trực tiếp người nhận trước khi chuyển; xem "
                    "kỹ tên chủ tài khoản mà ứng dụng ngân hàng hiện ra."
                ),
                _(
                    "Cơ quan nhà nước, công an không bao giờ yêu cầu chuyển tiền vào tài khoản để "
                    "“xác minh” hay “bảo vệ” tiền."
                ),
            ],
            domain=[
                _("Đừng nhập mật khẩu, mã OTP hay thẻ ngân hàng vào trang mở từ đường link lạ."),
                _(
                    "Muốn vào trang của ngân hàng, hãy tự gõ địa chỉ của ngân hàng hoặc mở ứng "
                    "dụng chính thức, đừng bấm đường link được gửi đến."
                ),
                _("Trang giả thường có tên gần giống tên thật, như vietcombank-vn.com."),
            ],
            social=[
                _(
                    "Kẻ gian lập tài khoản mang tên, ảnh của người quen, cơ quan, ngân hàng: hãy "
                    "hỏi lại người đó theo cách bạn vẫn liên lạc."
                ),
                _(
                    "Đừng chuyển tiền, đừng gửi ảnh giấy tờ, đừng đọc mã OTP theo yêu cầu qua tin "
                    "nhắn."
                ),
                no_link,
            ],
        )

    @property
    def report_label(self):
        return self._pick(
            phone=_("Phản ánh số này"),
            sender=_("Phản ánh tên người gửi này"),
            domain=_("Phản ánh đường link này"),
            other=_("Phản ánh tài khoản này"),
        )

    @property
    def report_source(self):
        """What the report form takes in its `source` field, for a number or sender name."""
        return self.result.number if self.kind in (PHONE, SENDER) else ""


__all__ = ["Words"]
