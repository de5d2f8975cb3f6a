"""Store parsed letters as Advisory rows with their issuer, citations and scam patterns.

One file, one transaction: a letter that cannot be stored leaves nothing
behind. A letter is identified by what it says (issuer, number, symbol, date,
summary), fingerprinted in `import_key`, so importing it again finds it
instead of creating a copy, even after staff edited it.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .access import is_administrator, organizations_for
from .approval import propose, publish_reviewed
from .letter_files import read_document_file
from .letter_parser import LetterError, ParsedLetter, parse_letter
from .models import (
    Advisory,
    CitedDocument,
    Organization,
    Province,
    ScamPattern,
    delete_original_files,
)
from .pattern_rules import detect_patterns
from .text import search_key, vn_slug

SEED_DIR = Path(__file__).resolve().parent / "seeds"


@dataclass
class Outcome:
    advisory: Advisory
    created: bool
    published: bool  # published (or, where a second approval is needed, proposed) by this import
    issuer_created: bool = False  # the issuer was made from the letter's header
    original_attached: bool = False  # the file was kept as the letter's original
    by_ocr: bool = False


def import_file(path, *, issuer=None, publish=False, dry_run=False):
    """Read, parse and store one file (.txt, .docx, PDF, image). Raises LetterError.

    A PDF, image or .docx is kept as the letter's original, unless it is a dry run.
    """
    document = read_document_file(path)
    letter = parse_letter(document.text, str(path))
    # The letters of advisories/seeds/ ship with the code and are reviewed with it
    # (load_reference_data publishes them): they are the one path that skips the
    # second approval. Any other file, --publish or not, waits for a second publisher.
    reviewed = Path(path).resolve().is_relative_to(SEED_DIR.resolve())
    try:
        with transaction.atomic():
            outcome = save_letter(
                letter,
                issuer=issuer,
                publish=publish,
                reviewed=reviewed,
                original=None if dry_run else document.original,
                by_ocr=document.by_ocr,
            )
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError as exc:
        # Reported like any bad file, so that the other files still import.
        message = _("không lưu được vào cơ sở dữ liệu (%(error)s).") % {"error": exc}
        raise LetterError(message, None, letter.source) from exc
    return outcome


def import_for_staff(text, name, *, user, issuer=None, original=None, by_ocr=False):
    """A letter's text read into a draft for a staff member, within what they may import.

    The upload page (a file read in the request) and the OCR job (a scan read
    by the worker, with its sender's rights as they are when it runs) both
    come here. Raises LetterError; a database error is left to the caller (the
    page reports it, the job tries again later).
    """
    letter = parse_letter(text, name)
    scope = None if is_administrator(user) else organizations_for(user)
    if issuer is not None and scope is not None and not scope.filter(pk=issuer.pk).exists():
        raise not_yours(letter, issuer)  # the form offered it; the sender has left it since
    hint = _("Hãy chọn cơ quan ban hành ở ô “Cơ quan ban hành” rồi gửi lại tệp.")
    return save_letter(
        letter,
        issuer=issuer,
        scope=scope,
        hint=hint,
        original=original,
        by_ocr=by_ocr,
        user=user,
    )


def save_letter(
    letter: ParsedLetter,
    *,
    issuer=None,
    publish=False,
    reviewed=False,
    now=None,
    original=None,
    by_ocr=False,
    scope=None,
    hint=None,
    user=None,
):
    """Store a parsed letter (or find it stored already); one transaction.

    `issuer`: chosen by the person importing (--issuer, the upload form).
    `publish`: publish a letter never published before; for a body that requires
    a second approval it is only proposed (PENDING), unless `reviewed` (the
    seed letters, reviewed with the code).
    `scope`: the organisations a publisher may import for (None: any, and a
    body named by the header but unknown to the portal is created).
    `original`: a letter_files.Original kept with a new letter, or with an
    existing one that has none. Its file is deleted again if the transaction fails.
    """
    stored = []
    try:
        with transaction.atomic():
            issuer = choose_issuer(letter, chosen=issuer, scope=scope, hint=hint)
            issuer_created = issuer.pk is None
            if issuer_created:
                issuer.slug = unique_organization_slug(issuer.slug)
                issuer.save()
            advisory = find_existing(letter, issuer)
            created = advisory is None
            if created:
                advisory = _create(letter, issuer, by_ocr=by_ocr, user=user)
            published = False
            # An existing letter is left as staff left it; --publish only publishes
            # a letter that was never published (not one a publisher took down).
            if publish and advisory.status == Advisory.Status.DRAFT and not advisory.published_at:
                if reviewed:
                    publish_reviewed(advisory, now)
                else:
                    propose(advisory, user, now)
                published = True
            attached = False
            if original is not None and not advisory.original_file:
                advisory.replace_original(original.content, original.content_type, original.name)
                stored.append(advisory.original_file.name)
                attached = True
            link_citations(advisory)
    except BaseException:
        delete_original_files(stored)  # its row is gone with the transaction
        raise
    return Outcome(advisory, created, published, issuer_created, attached, created and by_ocr)


def import_key(letter, issuer):
    """What makes two files the same letter: issuer, number/symbol, date and summary.

    Stored on the advisory when first imported, so a re-import still finds the
    letter after staff corrected its summary or content in admin.
    """
    parts = [issuer.slug, letter.number, letter.symbol, letter.year, letter.month, letter.day]
    identity = "|".join(str(part or "") for part in parts) + "|" + search_key(letter.summary)
    return hashlib.sha256(identity.encode()).hexdigest()


def find_existing(letter, issuer):
    key = import_key(letter, issuer)
    by_key = Advisory.objects.filter(import_key=key).first()
    if by_key:
        return by_key
    # Letters imported or typed before the key existed: the same fields, verbatim.
    # They get the key now, so that later edits do not hide them either.
    same = Advisory.objects.filter(
        import_key="",
        issuer=issuer,
        number=letter.number,
        symbol=letter.symbol,
        issued_year=letter.year,
        issued_month=letter.month,
        issued_day=letter.day,
        summary=letter.summary,
    ).first()
    if same:
        # save(), not update(): the audit records the key the letter got.
        same.import_key = key
        same.save(update_fields=["import_key"])
    return same


def _create(letter, issuer, *, by_ocr=False, user=None):
    advisory = Advisory(
        issuer=issuer,
        read_by_ocr=by_ocr,
        created_by=user,
        updated_by=user,
        import_key=import_key(letter, issuer),
        number=letter.number,
        symbol=letter.symbol,
        place=letter.place,
        issued_year=letter.year,
        issued_month=letter.month,
        issued_day=letter.day,
        date_precision=letter.precision,
        summary=letter.summary,
        recipients="\n".join(letter.recipients),
        content=letter.content,
        signer_authority=letter.signer_authority,
        signer_title=letter.signer_title,
        signer_name=letter.signer_name,
        distribution="\n".join(letter.distribution),
    )
    advisory.slug = advisory.unique_slug()
    try:
        advisory.full_clean(exclude=["issued_on", "search_text"])
    except ValidationError as exc:
        problems = "; ".join(
            f"{Advisory._meta.get_field(name).verbose_name}: {' '.join(messages)}"
            if name != "__all__"
            else " ".join(messages)
            for name, messages in exc.message_dict.items()
        )
        raise LetterError(problems, letter.number_line, letter.source) from exc
    advisory.save()
    CitedDocument.objects.bulk_create(
        CitedDocument(
            advisory=advisory,
            position=position,
            kind=citation.kind,
            number_symbol=citation.number_symbol,
            issued_on=citation.issued_on,
            issuer_as_written=citation.issuer_as_written,
        )
        for position, citation in enumerate(letter.citations)
    )
    slugs = detect_patterns(f"{letter.summary}\n{letter.content}")
    advisory.patterns.set(ScamPattern.objects.filter(slug__in=slugs))
    return advisory


# --- Who issued it -------------------------------------------------------------------


def command_hint():
    return _("Thêm cơ quan trong trang quản trị hoặc chỉ rõ bằng --issuer <mã cơ quan>.")


def choose_issuer(letter, *, chosen=None, scope=None, hint=None):
    """The issuer to store the letter under: an Organization, unsaved when new.

    Without `scope` (the command, an administrator): `chosen` if given, else
    what the letter says (identify_issuer), a new body included. With `scope`
    (a publisher's organisations): a letter that names another body, known or
    new, is refused; otherwise `chosen`, what the letter says, or the
    publisher's only organisation.
    """
    if scope is None:
        return chosen or identify_issuer(letter, hint)
    try:
        found = identify_issuer(letter, hint)
    except LetterError as error:
        found, unknown = None, error
    if found is not None and (found.pk is None or not scope.filter(pk=found.pk).exists()):
        raise not_yours(letter, found)
    if chosen is not None:
        return chosen
    if found is not None:
        return found
    own = list(scope[:2])
    if len(own) == 1:
        return own[0]
    raise unknown


def not_yours(letter, issuer):
    """The refusal for a publisher whose upload names another body."""
    line = letter.header_line or letter.place_line
    advice = _("Bạn chỉ nhập được công văn của cơ quan mình.")
    if issuer.pk is None:
        message = _(
            "tiêu đề công văn ghi “%(parent)s / %(body)s”, một cơ quan chưa có trên cổng và "
            "không phải cơ quan của bạn."
        ) % {"parent": issuer.parent_body, "body": issuer.header_name}
        advice += " " + _(
            "Nếu đó là cơ quan của bạn, hãy nhờ quản trị viên thêm cơ quan và thêm bạn vào đó."
        )
    else:
        message = _("công văn này của %(issuer)s, không phải cơ quan của bạn.") % {
            "issuer": issuer.name
        }
    return LetterError(f"{message} {advice}", line, letter.source)


def identify_issuer(letter, hint=None):
    """Who issued the letter: its header first, then its symbol, place and text.

    A header that names a body under its parent ("UBND TỈNH ĐẮK LẮK" over "SỞ
    KHOA HỌC VÀ CÔNG NGHỆ") finds that body; when the portal does not know it
    and the parent or the place names a province, a new, unsaved Organization
    describes it. Otherwise resolve_issuer, with its errors.
    """
    header = read_header(letter)
    if header is not None:
        parent, body = header
        body_key, parent_key = search_key(body), _parent_key(parent)  # once, not per body
        known = [
            o
            for o in Organization.objects.select_related("province")
            if search_key(o.header_name) == body_key and _parent_key(o.parent_body) == parent_key
        ]
        if len(known) == 1:
            return known[0]
        if not known:
            described = describe_issuer(letter, parent, body)
            if described is not None:
                return described
    return resolve_issuer(letter, hint)


def read_header(letter):
    """(parent, body) as printed above the number, or None when the header does not say.

    Header lines are printed in capitals; the parent is the first line (two
    when "ỦY BAN NHÂN DÂN" stands alone over "TỈNH …"), the body the rest (its
    name may wrap over two lines). A parent or body longer than an
    Organization holds is no header: the text is searched for it, and a phrase
    of thousands of words would make that search cost as much as the text
    times the phrase.
    """
    lines = [line for line in letter.header if line]
    if len(lines) < 2 or any(line != line.upper() for line in lines):
        return None
    split = 2 if search_key(lines[0]) in ("uy ban nhan dan", "ubnd") and len(lines) > 2 else 1
    parent, body = " ".join(lines[:split]), " ".join(lines[split:])
    longest = Organization._meta.get_field("header_name").max_length
    if len(parent) > longest or len(body) > longest:
        return None
    return parent, body


def _parent_key(text):
    """`ỦY BAN NHÂN DÂN TP. HỒ CHÍ MINH` and `UBND THÀNH PHỐ HỒ CHÍ MINH` are one parent."""
    key = search_key(text)
    key = re.sub(r"^uy ban nhan dan\b", "ubnd", key)
    return re.sub(r"\btp(?:\.\s*|\s+)", "thanh pho ", key).strip()


PROVINCIAL_UNITS = {"tinh": "tỉnh", "thanh pho": "thành phố"}
DISTRICT_UNITS = {"huyen": "huyện", "quan": "quận", "thi xa": "thị xã", "thanh pho": "thành phố"}
UNIT_RE = re.compile(r"\b(tinh|thanh pho|huyen|quan|thi xa) (.+)$")


def describe_issuer(letter, parent, body):
    """An unsaved Organization for the body the header names, or None when it cannot tell.

    Its province is the one the parent names ("UBND TỈNH PHÚ YÊN": Phú Yên, by
    its old name as printed), or, under a district's parent ("UBND HUYỆN EA
    SÚP"), the one the place line names.
    """
    match = UNIT_RE.search(_parent_key(parent))
    if not match:
        return None
    unit, where = match.groups()
    words = parent.split()
    where_as_printed = " ".join(words[len(words) - len(where.split()) :])
    province = Province.lookup(where) if unit in PROVINCIAL_UNITS else None
    if province is not None:
        level = Organization.Level.PROVINCIAL
        unit_name = "thành phố" if province.kind == Province.Kind.CITY else "tỉnh"
        area = f"{unit_name} {province.name}"
        slug_area = province.slug
    elif unit in DISTRICT_UNITS:
        province = Province.lookup(letter.place)
        if province is None:
            return None
        level = Organization.Level.DISTRICT
        district = _as_printed_in(letter.place, where_as_printed) or where_as_printed.title()
        area = f"{DISTRICT_UNITS[unit]} {district}"
        slug_area = vn_slug(district)
    else:
        return None
    text = f"{letter.summary}\n{letter.content}"
    name = _as_printed_in(text, body) or body[:1] + body[1:].lower()
    symbol = letter.symbol_base
    return Organization(
        name=f"{name} {area}"[:200],
        header_name=body[:200],
        parent_body=parent[:200],
        symbol=symbol[:30],
        level=level,
        province=province,
        place=letter.place[:100],
        slug=f"{vn_slug(symbol)}-{slug_area}"[:110],
    )


def _as_printed_in(text, phrase):
    """`phrase` as the text writes it (its own capitals), or "" when the text does not."""
    words = [re.escape(word) for word in phrase.split()]
    if not words:
        return ""
    match = re.search(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", text, re.IGNORECASE)
    return re.sub(r"\s+", " ", match.group(0)) if match else ""


def unique_organization_slug(base):
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def resolve_issuer(letter, hint=None):
    """The Organization that issued the letter, from its header, symbol, place and text.

    Raises LetterError at the number or place line when no single issuer fits;
    `import_advisories --issuer` then settles it.
    """
    unknown_hint = hint or command_hint()
    base = letter.symbol_base
    candidates = [o for o in Organization.objects.select_related("province") if o.symbol]
    candidates = [o for o in candidates if o.symbol.upper() == base]
    if not candidates:
        message = _(
            "không xác định được cơ quan ban hành: không có cơ quan nào mang ký hiệu “%(symbol)s”."
        )
        raise LetterError(
            f"{message % {'symbol': base}} {unknown_hint}", letter.number_line, letter.source
        )

    # The header, when printed (004), names the body and its parent.
    header = {search_key(line) for line in letter.header}
    candidates = _narrow(candidates, lambda o: search_key(o.header_name) in header)
    candidates = _narrow(candidates, lambda o: search_key(o.parent_body) in header)

    # The place line names the district (Ea Súp) or the province (Ninh Thuận).
    place = search_key(letter.place)
    by_place = [o for o in candidates if search_key(o.place) == place]
    if not by_place:
        province = Province.lookup(letter.place)
        by_place = [
            o
            for o in candidates
            if province and o.province_id == province.pk and o.level == o.Level.PROVINCIAL
        ]
    if not by_place:
        message = _(
            "không xác định được cơ quan ban hành: không có cơ quan “%(symbol)s” nào ở “%(place)s”."
        )
        raise LetterError(
            f"{message % {'symbol': base, 'place': letter.place}} {unknown_hint}",
            letter.place_line,
            letter.source,
        )

    # Last, the text: which of the remaining issuers' names or provinces it mentions.
    text = search_key(f"{letter.summary} {letter.content}")
    candidates = _narrow(by_place, lambda o: search_key(o.name) in text)
    candidates = _narrow(candidates, lambda o: o.province and search_key(o.province.name) in text)
    if len(candidates) > 1:
        message = _("không xác định được cơ quan ban hành: có thể là %(slugs)s.")
        slugs = ", ".join(o.slug for o in candidates)
        raise LetterError(
            f"{message % {'slugs': slugs}} " + (hint or _("Chỉ rõ bằng --issuer <mã cơ quan>.")),
            letter.place_line,
            letter.source,
        )
    return candidates[0]


def _narrow(candidates, keep):
    """Apply a clue only when it leaves someone: a clue that fits nobody says nothing."""
    kept = [o for o in candidates if keep(o)]
    return kept or candidates


# --- Cited documents that the portal also holds --------------------------------------


def link_citations(advisory):
    """Link citations to letters on the portal, both ways: what it cites, who cites it."""
    for citation in advisory.citations.filter(cited_advisory__isnull=True):
        target = cited_advisory(citation)
        if target:
            citation.cited_advisory = target
            citation.save(update_fields=["cited_advisory"])
    if advisory.number:
        citing = CitedDocument.objects.filter(
            cited_advisory__isnull=True, number_symbol__iexact=advisory.display_number
        ).exclude(advisory=advisory)
        for citation in citing.select_related("advisory__issuer"):
            if cited_advisory(citation) == advisory:
                citation.cited_advisory = advisory
                citation.save(update_fields=["cited_advisory"])


def cited_advisory(citation):
    """The one advisory a citation means, or None when the portal has none or several.

    A number/symbol such as 1386/STTTT-BCVT repeats across provinces and years,
    so the date narrows it, and the citing letter's province.
    """
    number, _slash, symbol = citation.number_symbol.partition("/")
    found = Advisory.objects.filter(number=number, symbol__iexact=symbol).exclude(
        pk=citation.advisory_id
    )
    if citation.issued_on:
        on = citation.issued_on
        found = found.filter(issued_year=on.year)
        found = found.filter(Q(issued_month=on.month) | Q(issued_month__isnull=True))
        found = found.filter(Q(issued_day=on.day) | Q(issued_day__isnull=True))
    # A letter cites its own province's documents or national ones: a namesake
    # elsewhere would be a wrong link shown to citizens.
    province = citation.advisory.issuer.province_id
    found = [
        a
        for a in found.select_related("issuer")[:10]
        if a.issuer.province_id in (None, province) or province is None
    ]
    return found[0] if len(found) == 1 else None
