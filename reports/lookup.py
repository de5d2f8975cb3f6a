"""Public look-up: what the portal knows about a number, a sender name, a bank
account, a link or a chat account that a citizen was called, texted or sent.

A citizen types the number before calling back. The answer puts first what
matters most: whether it is an official line (a letter announced it, or
inspectors verified it as a department's own line: call it with
confidence) and which letters warn about it; then how many citizens
reported it, and whether inspectors confirmed it as a scam number. Only a
confirmed number is ever called a scam. Counts only: the reports are
unverified and their content may hold other people's words, so none of it
is shown, nor anything about who reported.

Inspectors' marks count within their scope (reports.numbers.verdict_for):
everyone sees the national verdict, and `?province=` shows that province's
own where it has one. The answer says whose verdict it is.

What was typed is recognised first (`recognise`): a phone number, a bank
account, a chat account, a domain or a sender name, each by its normal key
(reports.used), so "vcb-bank" finds "VCB-BANK" and "Login.VCB.com.vn/x"
finds every report of vcb.com.vn. The marks of every kind go through the
same `verdict_for`; official lines (hotlines) and letters are for numbers
and sender names only.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

import phonenumbers
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from advisories.models import Advisory, Province
from portal.phones import plain as _plain

from .lookup_words import Words
from .models import Bank, Hotline, Report
from .models.used import Platform, Subject, account_key
from .numbers import OFFICIAL, SCAM, Verdict, marks_for, scope_names, verdict_for
from .phones import (
    SENDER_NAME,
    SHORT_CODE,
    SOURCE_MAX_LENGTH,
    SourceError,
    format_phone,
    parse_phone,
)
from .sms import Kind
from .used import (
    URL_MAX_LENGTH,
    link_domain,
    normalize_account_number,
    platform_of_link,
    social_key,
)

try:  # the bank list's own matcher (aliases, BIN), once reports.banks lands
    from .banks import find_bank
except ImportError:  # pragma: no cover - until then: the names in the Bank table

    def find_bank(text):
        """The Bank whose abbreviation, BIN, short or full name or an alias is `text`, or None."""
        wanted = " ".join(str(text or "").split()).casefold()
        if not wanted:
            return None
        for bank in Bank.objects.all():  # a few dozen rows, one query
            names = [bank.abbr, bank.bin or "", bank.short_name, bank.full_name]
            names += bank.aliases.splitlines()
            if wanted in {" ".join(name.split()).casefold() for name in names if name.strip()}:
                return bank
        return None


LETTERS_SHOWN = 10
TYPED_MAX_LENGTH = URL_MAX_LENGTH  # a pasted link may be long; only its domain counts

# "zalo 0912345678", "fb nguyen.van.a", "telegram: @abc": a platform's word, then the handle.
_PLATFORM_WORDS = {
    "zalo": Platform.ZALO,
    "facebook": Platform.FACEBOOK,
    "fb": Platform.FACEBOOK,
    "messenger": Platform.FACEBOOK,
    "telegram": Platform.TELEGRAM,
    "tele": Platform.TELEGRAM,
    "tg": Platform.TELEGRAM,
}
_PLATFORM_HANDLE = re.compile(r"^(?P<word>[a-zA-Z]+)\s*[:\s]\s*(?P<handle>\S.*)$")
# "VCB 0011 0012 34567", "Vietcombank: 0011001234567", "VCB:0011001234567" (the key).
_BANK_AND_NUMBER = re.compile(r"^(?P<bank>.*?[^\W\d_].*?)[\s:,.\-]+(?P<number>[0-9][0-9 .\-]*)$")
_DIGITS = re.compile(r"^[0-9][0-9 .\-]*$")


def _expected():
    return _(
        "Hãy nhập số điện thoại (ví dụ 0912345678), đầu số ngắn (ví dụ 9029), tên người gửi "
        "tin nhắn (ví dụ VCB-BANK), số tài khoản ngân hàng (ví dụ VCB 0011001234567), "
        "đường link hay tên miền (ví dụ vietcombank-vn.com) hoặc tài khoản Zalo, Facebook, "
        "Telegram (ví dụ zalo 0912345678, t.me/abc)."
    )


def _recognise(value):
    """(Subject, key, bank as typed but not recognised or "") for what was typed.

    In this order, so each form is taken for what it most likely is:
    a phone number or short code when it parses as one; a chat account (a
    platform's word or profile link); a bank name followed by 6–19 digits;
    6–19 digits alone (an account at any bank); a name with a known public
    suffix (a domain, or an IP address); a sender name, in capitals.
    """
    text = _plain(value)
    if not text:
        raise SourceError(_("Hãy nhập điều cần tra cứu. ") + _expected())
    if len(text) > TYPED_MAX_LENGTH:
        raise SourceError(_("Quá dài để tra cứu. ") + _expected())
    if text[:4].lower() == "tel:":  # a number copied from a link on a web page
        text = text[4:].strip()
    short = len(text) <= SOURCE_MAX_LENGTH
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3}){3}", text):
        try:
            return Subject.DOMAIN, link_domain(text), ""  # an IP address, not a number
        except ValueError:
            pass
    if short:
        if SHORT_CODE.match(text):
            return Subject.PHONE, text, ""
        number = _phone(text)
        if number is not None:
            return Subject.PHONE, format_phone(number), ""
    social = _social(text)
    if social:
        return Subject.SOCIAL, social, ""
    if short:
        account = _account(text)
        if account:
            return (Subject.BANK_ACCOUNT, *account)
    if "." in text:
        try:
            return Subject.DOMAIN, link_domain(text), ""
        except ValueError:
            pass
    if short and SENDER_NAME.match(text):
        # In capitals: "vcb-bank" and "VCB-BANK" are one sender (migration 0022).
        return Subject.SENDER, text.upper(), ""
    if not short and "." not in text and "/" not in text:
        raise SourceError(_("Quá dài để tra cứu. ") + _expected())
    raise SourceError(_expected())


def _phone(text):
    """The phone number typed, or None: as the report form takes it, but for account numbers.

    parse_phone takes any *possible* number, and "0011001234567" (an account
    at Vietcombank) is possible as 00 (abroad) +1…; digits alone are a phone
    only when valid, or written as Vietnamese numbers are, with one leading 0
    (the police line 0692348560 is possible, not valid, and still a phone).
    """
    number = parse_phone(text)
    if number is None or phonenumbers.is_valid_number(number):
        return number
    digits = re.sub(r"[^0-9+]", "", text)
    if digits.startswith("+") or (digits.startswith("0") and not digits.startswith("00")):
        return number
    return None


def _social(text):
    """A chat account's key from "zalo 0912345678" or a profile link, or None."""
    linked = platform_of_link(text)
    if linked is not None:
        if not linked[1]:
            return None  # "facebook.com/": the site, not an account
        return social_key(linked[0], linked[1])
    found = _PLATFORM_HANDLE.match(text)
    if found and found.group("word").lower() in _PLATFORM_WORDS:
        try:
            return social_key(_PLATFORM_WORDS[found.group("word").lower()], found.group("handle"))
        except ValueError:
            return None
    return None


def _account(text):
    """(key, bank name not recognised) for a bank account, or None.

    With a bank the key is the bank's (`VCB:0011001234567`); digits alone, or
    a name that is no bank we know, give `?:0011001234567`: that number at
    any bank.
    """
    named = _BANK_AND_NUMBER.match(text)
    digits = named.group("number") if named else text
    if not _DIGITS.match(digits):
        return None
    try:
        number = normalize_account_number(digits)
    except ValueError:
        return None
    if not named:
        return account_key("", number), ""
    bank = find_bank(named.group("bank").strip())
    if bank is None:
        return account_key("", number), named.group("bank").strip()[:60]
    return account_key(bank.abbr, number), ""


def recognise(value):
    """(Subject, key) of a look-up: what was typed, recognised, in its normal form.

    Raises SourceError, with every form the look-up takes, for anything else.
    """
    subject, key, _unknown_bank = _recognise(value)
    return subject, key


@dataclass
class LookupResult:
    number: str  # the key looked up: 0912345678, VCB-BANK, VCB:0011…, evil.com, zalo:…
    hotlines: list = field(default_factory=list)  # official lines with this number
    advisories: list = field(default_factory=list)  # published letters that mention it
    counts: dict = field(default_factory=dict)  # Kind value → number of reports
    last_reported: object = None  # datetime of the latest report, or None
    marks: list = field(default_factory=list)  # inspectors' marks in force, every scope
    province: object = None  # the province whose verdict was asked for, or None
    shown: Verdict = field(default_factory=Verdict)  # the marks' verdict for that viewer
    kind: str = Subject.PHONE  # what was recognised (a Subject value)
    unknown_bank: str = ""  # a bank name typed before an account number that is no bank we know

    def __post_init__(self):
        self.shown = verdict_for(self.marks, self.province)

    @cached_property
    def words(self):
        """The sentences fitted to the kind (reports.lookup_words), for the page and the API."""
        return Words(self)

    @property
    def value(self):
        """The normal form, as the API gives it: the key."""
        return self.number

    @property
    def shown_value(self):
        """What the page's heading says: `VCB 0011001234567`, `0011001234567`, `abc`."""
        if self.kind == Subject.BANK_ACCOUNT:
            abbr, _sep, digits = self.number.partition(":")
            return digits if abbr == "?" else f"{abbr} {digits}"
        if self.kind == Subject.SOCIAL:
            return self.number.partition(":")[2]
        return self.number

    @property
    def platform_label(self):
        if self.kind != Subject.SOCIAL:
            return ""
        return Platform(self.number.partition(":")[0]).label

    @property
    def any_bank(self):
        """Whether a bank account is looked up by its number alone, at every bank."""
        return self.kind == Subject.BANK_ACCOUNT and self.number.startswith("?:")

    @property
    def official_marks(self):
        return self.shown.marks if self.shown.kind == OFFICIAL else []

    @property
    def scam_marks(self):
        return self.shown.marks if self.shown.kind == SCAM else []

    @property
    def is_official(self):
        return bool(self.hotlines or self.official_marks)

    @property
    def is_confirmed_scam(self):
        return bool(self.scam_marks) and not self.is_official

    @property
    def verdict_scope(self):
        """Whose verdict is shown: "national", the province's slug, "provinces", or None."""
        if self.hotlines or not self.shown.kind:
            return "national" if self.hotlines else None
        if self.shown.province is not None:
            return self.shown.province.slug
        return "national" if self.shown.national else "provinces"

    @property
    def verdict_scope_name(self):
        scope = self.verdict_scope
        if scope is None:
            return ""
        if scope == "national":
            return str(_("Toàn quốc"))
        if scope == "provinces":
            return ", ".join(scope_names(self.shown.marks))
        return self.shown.province.name

    @property
    def verdict_organizations(self):
        """Who stands behind it: the lines' and verified owners, or the inspectors of its scope."""
        if self.is_official:
            names = [line.label for line in self.hotlines] + self.verified_owners
            return list(dict.fromkeys(name for name in names if name))
        return [str(_("Thanh tra %(scope)s")) % {"scope": name} for name in self.confirmed_by]

    @property
    def province_has_own(self):
        """Whether the province asked for has a verdict of its own (not the national one)."""
        return self.province is not None and self.shown.province is not None

    @property
    def verdict(self):
        """official, confirmed_scam, reported or unknown: what the page says first."""
        if self.is_official:
            return "official"
        if self.is_confirmed_scam:
            return "confirmed_scam"
        return "reported" if self.reports else "unknown"

    @property
    def verified_owners(self):
        return list(dict.fromkeys(mark.owner for mark in self.official_marks))

    @property
    def confirmed_by(self):
        return scope_names(self.scam_marks)

    @property
    def reports(self):
        return sum(self.counts.values())

    @property
    def count_rows(self):
        """(label, count) in the order of Kind, only kinds that were reported."""
        return [(kind.label, self.counts[kind.value]) for kind in Kind if kind in self.counts]


def typed_query(params):
    """What was typed: `q`, or `number` as the look-up was first called; at most the limit."""
    typed = params.get("q") or params.get("number") or ""
    return typed[:TYPED_MAX_LENGTH]


def province_from_slug(value):
    """The current Province for `?province=<slug>` (a former unit gives its successor), or None."""
    slug = (value or "").strip()[:100].lower()
    return Province.resolve_slug(slug) if slug else None


def look_up(value, province=None):
    """The LookupResult for what was typed: a number, sender name, account, link or handle.

    `province`: a current Province whose own verdict to show where it has one.
    Raises SourceError (with what is expected, in the user's language) for
    anything else. Four queries for a number or sender name, at most three
    (a bank name: four) for the other kinds.
    """
    kind, key, unknown_bank = _recognise(value)
    hotlines, advisories = [], []
    if kind in (Subject.PHONE, Subject.SENDER):
        hotlines = list(Hotline.objects.approved().active().with_sources().filter(number=key))
        advisories = list(
            Advisory.objects.published()
            .mentioning(key)
            .select_related("issuer__province")[:LETTERS_SHOWN]
        )
    rows = list(
        reports_of(kind, key)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk", distinct=True), last=Max("created_at"))
    )
    counts = {row["kind"]: row["n"] for row in rows}
    last = max((row["last"] for row in rows), default=None)
    return LookupResult(
        key,
        hotlines,
        advisories,
        counts,
        last,
        marks=marks_for(kind, key),
        province=province,
        kind=kind,
        unknown_bank=unknown_bank,
    )


def reports_of(kind, key):
    """The reports about a recognised key (a queryset; a report counts once per kind).

    Numbers and sender names by the report's source; accounts, links and
    chat accounts by their rows' keys (indexes report_account_key,
    report_account_number, report_link_domain, report_social_key).
    """
    if kind in (Subject.PHONE, Subject.SENDER):
        return Report.objects.filter(source=key)
    if kind == Subject.BANK_ACCOUNT:
        abbr, _sep, number = key.partition(":")
        if abbr == "?":  # the number alone: at every bank, and where the bank was not known
            return Report.objects.filter(bank_accounts__number=number)
        return Report.objects.filter(bank_accounts__key=key)
    if kind == Subject.DOMAIN:
        return Report.objects.filter(links__domain=key)
    return Report.objects.filter(social_accounts__key=key)


__all__ = [
    "LookupResult",
    "SourceError",
    "find_bank",
    "look_up",
    "province_from_slug",
    "recognise",
    "reports_of",
    "typed_query",
]
