"""What the scammer used, in words: for the report page, the report list and the CSV file.

One wording everywhere an inspector reads it. A link is text, never a link:
the report page and the list escape it like any citizen's text and never
put it in an `<a>` (a click on a phishing link from the admin is what the
scammer wants), and the file holds it as typed, neutralised like any cell.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models.used import Origin


def dong(amount):
    """`50.000.000 đồng`: grouped the Vietnamese way, whatever the admin's language."""
    if amount is None:
        return ""
    return _("%(amount)s đồng") % {"amount": f"{amount:,}".replace(",", ".")}


def account_words(account):
    """`Vietcombank 0011001234567`, `(ngân hàng ghi: VCBB) 0011…`, with the QR origin said."""
    if account.bank_id:
        bank = account.bank.short_name
    elif account.bank_as_typed:
        bank = _("ngân hàng ghi: %(bank)s") % {"bank": account.bank_as_typed}
    else:
        bank = _("ngân hàng không rõ")
    text = f"{bank} {account.number}"
    if account.origin == Origin.QR:
        text = f"{text} ({Origin.QR.label})"
    return text


def lost_words(report):
    """`đã chuyển tiền, đã đọc mã OTP…` or "" when the citizen lost nothing they said."""
    parts = []
    for flag in ("paid", "gave_code", "installed_app"):
        if getattr(report, flag):
            parts.append(str(report._meta.get_field(flag).verbose_name))
    return ", ".join(parts)


def summary(report):
    """The list's compact cell: `1 TK, 2 link, 1 MXH`, `đã mất tiền` first when harmed.

    Reads the prefetched rows (`links`, `bank_accounts`, `social_accounts`).
    """
    parts = []
    if report.harmed:
        parts.append(_("đã mất tiền") if report.paid else _("bị lấy mã, cài ứng dụng"))
    accounts = len(report.bank_accounts.all())
    links = len(report.links.all())
    socials = len(report.social_accounts.all())
    if accounts:
        parts.append(ngettext("%(n)d TK", "%(n)d TK", accounts) % {"n": accounts})
    if links:
        parts.append(ngettext("%(n)d link", "%(n)d link", links) % {"n": links})
    if socials:
        parts.append(ngettext("%(n)d MXH", "%(n)d MXH", socials) % {"n": socials})
    return ", ".join(parts)


def details(report):
    """Everything used, one line each, for the list's tooltip: plain text."""
    accounts = report.bank_accounts.all()
    lines = [_("TK: %(account)s") % {"account": account_words(a)} for a in accounts]
    lines += [_("link: %(url)s") % {"url": link.url} for link in report.links.all()]
    lines += [str(account) for account in report.social_accounts.all()]
    if report.amount_lost is not None:
        lines.append(_("mất %(amount)s") % {"amount": dong(report.amount_lost)})
    return "\n".join(lines)


def context(report):
    """What `admin/reports/report/_used.html` shows: the report page and the case sheet."""
    return {
        "report": report,
        "links": list(report.links.all()),
        "accounts": [(account, account_words(account)) for account in report.bank_accounts.all()],
        "socials": list(report.social_accounts.all()),
        "lost": lost_words(report),
        "amount": dong(report.amount_lost),
    }
