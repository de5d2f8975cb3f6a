"""How they came and what it was → the keyword of the SMS to 156/5656 (S, V or LD).

The form asks in plain words: how they contacted you (ReportChannel), and
whether it was a scam or spam. The keyword follows:

- a scam, by any channel → LD;
- spam by a call → V, by SMS → S;
- spam by Zalo, a website, email... → no keyword: 156/5656 take calls and
  SMS only, so the citizen hears where such spam goes instead.

Old clients send `kind` alone; it still works, and its channel follows
(V → call, S → SMS, LD → a call from a number, an SMS from a sender name).
Both given and at odds (V with SMS) is refused: which one is true?
"""

import re

from django.utils.translation import gettext as _

from .models.used import ReportChannel
from .sms import Kind, normalize_kind

# What 156/5656 take: a call or an SMS. The rest only as a scam (LD), and only
# when there is a number or sender to put in the SMS.
PHONE_CHANNELS = (ReportChannel.CALL, ReportChannel.SMS)
SPAM_KIND = {ReportChannel.CALL: Kind.SPAM_CALL, ReportChannel.SMS: Kind.SPAM_SMS}
# The only channel each spam keyword fits.
KIND_CHANNEL = {Kind.SPAM_CALL: ReportChannel.CALL, Kind.SPAM_SMS: ReportChannel.SMS}


class ChannelError(ValueError):
    """`errors`: parameter name → messages, as CompositionError."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def spam_elsewhere_message(channel):
    """Where spam that is not a call or an SMS goes (156/5656 do not take it)."""
    label = ReportChannel(channel).label
    if channel == ReportChannel.EMAIL:
        where = _(
            "Với thư rác, hãy bấm nút “Báo cáo thư rác” (Report spam) trong hộp thư của bạn "
            "rồi xóa thư."
        )
    elif channel == ReportChannel.WEBSITE:
        where = _(
            "Với trang web quảng cáo, làm phiền, hãy đóng trang và không bấm vào quảng cáo, "
            "không cho phép trang gửi thông báo."
        )
    else:
        where = _(
            "Với tin nhắn, cuộc gọi làm phiền qua %(channel)s, hãy dùng nút “Báo xấu” "
            "(Report) hoặc “Chặn” ngay trong ứng dụng đó."
        ) % {"channel": label}
    return " ".join(
        [
            _(
                "Tổng đài 156 và 5656 chỉ nhận cuộc gọi và tin nhắn SMS rác, không nhận "
                "quảng cáo, làm phiền qua %(channel)s."
            )
            % {"channel": label},
            where,
            _(
                "Nếu họ lừa bạn chuyển tiền, đọc mã OTP, bấm đường link hay cài ứng dụng, "
                "hãy chọn “Lừa đảo” để gửi phản ánh."
            ),
        ]
    )


def _at_odds_with_scam(kind):
    if kind == Kind.SCAM:
        return _(
            "Loại LD là lừa đảo, nhưng bạn chọn “quảng cáo, làm phiền”: hãy chọn lại một trong hai."
        )
    return _(
        "Loại %(kind)s là quảng cáo, làm phiền, nhưng bạn chọn “lừa đảo”: hãy chọn lại một "
        "trong hai."
    ) % {"kind": kind}


def _at_odds_with_channel(kind, channel):
    return _(
        "Loại %(kind)s (%(kind_label)s) không khớp với cách liên lạc bạn chọn (%(channel)s). "
        "Hãy bỏ loại hoặc chọn lại cách liên lạc."
    ) % {"kind": kind, "kind_label": Kind(kind).label, "channel": ReportChannel(channel).label}


def resolve_kind(channel, scam, kind):
    """The keyword (S, V, LD) from the channel, scam (True, False, None) and `kind`.

    `channel` is "" or a ReportChannel value, `kind` as typed ("" when not
    given). Returns the keyword; raises ChannelError with every problem.
    """
    channel = channel or ""
    kind_text = (kind or "").strip()
    given = None
    if kind_text:
        try:
            given = normalize_kind(kind_text)
        except ValueError as error:
            raise ChannelError({"kind": [str(error)]}) from None
    if not channel:
        if given and scam is not None and (given == Kind.SCAM) != scam:
            raise ChannelError({"kind": [_at_odds_with_scam(given)]})
        if given:
            return given  # an old client: the channel follows (channel_for)
        if scam:
            return Kind.SCAM  # the channel follows from the source, as for LD alone
        raise ChannelError(
            {"channel": [_("Hãy chọn họ liên lạc với bạn bằng cách nào (gọi điện, SMS, Zalo…).")]}
        )
    if scam is None and given is None:
        raise ChannelError({"scam": [_("Hãy chọn: đây là lừa đảo, hay quảng cáo, làm phiền.")]})
    if given and scam is not None and (given == Kind.SCAM) != scam:
        raise ChannelError({"kind": [_at_odds_with_scam(given)]})
    if scam is True or given == Kind.SCAM:
        return Kind.SCAM
    derived = SPAM_KIND.get(channel)
    if given and given != derived:
        raise ChannelError({"kind": [_at_odds_with_channel(given, channel)]})
    if derived is None:
        raise ChannelError({"scam": [spam_elsewhere_message(channel)]})
    return derived


_LETTER = re.compile(r"[A-Za-z]")


def channel_for(channel, kind, source):
    """The channel to store: the one chosen, or what an old client's `kind` implies.

    `source` normalised (phones.normalize_source): a sender name has letters,
    a number never does.
    """
    if channel:
        return channel
    if kind in KIND_CHANNEL:
        return KIND_CHANNEL[kind]
    return ReportChannel.SMS if _LETTER.search(source or "") else ReportChannel.CALL


def composes_without_source(channel, kind):
    """A scam that came by Zalo, a website...: the number or sender may be missing.

    Then no SMS is composed (Report.composition() is None) and the receipt
    says which national channel takes it.
    """
    return kind == Kind.SCAM and bool(channel) and channel not in PHONE_CHANNELS
