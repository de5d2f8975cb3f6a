"""Store parsed letters as Advisory rows with their issuer, citations and scam patterns.

One file, one transaction: a letter that cannot be stored leaves nothing
behind. A letter is identified by what it says (issuer, number, symbol, date,
summary), fingerprinted in `import_key`, so importing it again finds it
instead of creating a copy, even after staff edited it.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .letter_parser import LetterError, ParsedLetter, read_letter
from .models import Advisory, CitedDocument, Organization, Province, ScamPattern
from .pattern_rules import detect_patterns
from .text import search_key

SEED_DIR = Path(__file__).resolve().parent / "seeds"


@dataclass
class Outcome:
    advisory: Advisory
    created: bool
    published: bool  # published by this import


def import_file(path, *, issuer=None, publish=False, dry_run=False):
    """Read, parse and store one file. Raises LetterError naming the file and line."""
    letter = read_letter(path)
    try:
        with transaction.atomic():
            outcome = save_letter(letter, issuer=issuer, publish=publish)
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError as exc:
        # Reported like any bad file, so that the other files still import.
        message = _("không lưu được vào cơ sở dữ liệu (%(error)s).") % {"error": exc}
        raise LetterError(message, None, letter.source) from exc
    return outcome


def save_letter(letter: ParsedLetter, *, issuer=None, publish=False, now=None):
    with transaction.atomic():
        issuer = issuer or resolve_issuer(letter)
        advisory = find_existing(letter, issuer)
        created = advisory is None
        if created:
            advisory = _create(letter, issuer)
        published = False
        # An existing letter is left as staff left it; --publish only publishes
        # a letter that was never published (not one a publisher took down).
        if publish and advisory.status != Advisory.Status.PUBLISHED and not advisory.published_at:
            advisory.status = Advisory.Status.PUBLISHED
            advisory.published_at = now or timezone.now()
            advisory.save(update_fields=["status", "published_at", "updated_at"])
            published = True
        link_citations(advisory)
    return Outcome(advisory, created, published)


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
        Advisory.objects.filter(pk=same.pk).update(import_key=key)
    return same


def _create(letter, issuer):
    advisory = Advisory(
        issuer=issuer,
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


def resolve_issuer(letter):
    """The Organization that issued the letter, from its header, symbol, place and text.

    Raises LetterError at the number or place line when no single issuer fits;
    `import_advisories --issuer` then settles it.
    """
    hint = _("Thêm cơ quan trong trang quản trị hoặc chỉ rõ bằng --issuer <mã cơ quan>.")
    base = letter.symbol_base
    candidates = [o for o in Organization.objects.select_related("province") if o.symbol]
    candidates = [o for o in candidates if o.symbol.upper() == base]
    if not candidates:
        message = _(
            "không xác định được cơ quan ban hành: không có cơ quan nào mang ký hiệu “%(symbol)s”."
        )
        raise LetterError(f"{message % {'symbol': base}} {hint}", letter.number_line, letter.source)

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
            f"{message % {'symbol': base, 'place': letter.place}} {hint}",
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
            f"{message % {'slugs': slugs}} " + _("Chỉ rõ bằng --issuer <mã cơ quan>."),
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
