"""Who is reported, from where, when and saying what: the citizen's half of a demo report.

Plain functions of a random.Random and a few sorted lists; no database.
"""

import bisect
import datetime
import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from string import Formatter
from zoneinfo import ZoneInfo

from advisories.models import NUMBER
from advisories.text import fold

from ..phones import SourceError, normalize_source
from . import texts

# Half of the reports name a source from the pool (a Zipf-like long tail:
# a few sources hundreds of times at 100,000 reports), half a source nobody
# else reports.
REPEAT_SHARE = 0.5
POOL_PER_REPORTS = 8  # one pooled source per 8 reports
POOL_MINIMUM = 40
ZIPF_OFFSET = 10  # weight 1 / (rank + offset): the top is heavy, not a single giant

# What a source does, and the kinds citizens file it under.
PROFILE_KINDS = {
    "scam_caller": (("LD", 85), ("V", 15)),
    "spam_caller": (("V", 80), ("LD", 10), ("S", 10)),
    "scam_sms": (("LD", 55), ("S", 45)),
    "spam_sms": (("S", 100),),
    "official": (("LD", 60), ("V", 40)),
}
PROFILES = (("scam_caller", 50), ("spam_caller", 20), ("scam_sms", 15), ("spam_sms", 15))
# The first ranks, fixed so that even a small demo has its recognisable cases:
# a scam mobile on top, a spoofed bank brandname, the Bình Phước inspectorate's
# hotline (citizens report official lines too), a Cambodian number.
TOP_RANKS = {1: "scam_caller", 2: "scam_sms", 4: "scam_caller", 5: "spam_caller"}
OFFICIAL_RANKS = (3, 9, 15, 22, 35)

# Official lines citizens report: the hotlines the letters announced
# (reports.hotlines), then department lines inspectors verify (NumberMark
# OFFICIAL) once the portal has them; the numbers of those are drawn.
HOTLINE_SOURCES = (("0888596677", "binh-phuoc"), ("0692348560", "ninh-thuan"))
OFFICIAL_LINES = (
    # area code, owner, province slug (None: national)
    ("0262", "Thanh tra Sở Khoa học và Công nghệ tỉnh Đắk Lắk", "dak-lak"),
    ("0251", "Sở Khoa học và Công nghệ tỉnh Đồng Nai", "dong-nai"),
    ("024", "Cục Viễn thông, đường dây tiếp nhận phản ánh", None),
)

# People per former or unchanged unit (millions, 2019 census, rounded): where reports come from.
POPULATION = {
    "ho-chi-minh": 9.0, "ha-noi": 8.1, "thanh-hoa": 3.6, "nghe-an": 3.3, "dong-nai": 3.1,
    "binh-duong": 2.4, "hai-phong": 2.0, "an-giang": 1.9, "hai-duong": 1.9, "dak-lak": 1.9,
    "thai-binh": 1.9, "bac-giang": 1.8, "nam-dinh": 1.8, "tien-giang": 1.8, "kien-giang": 1.7,
    "long-an": 1.7, "dong-thap": 1.6, "gia-lai": 1.5, "quang-nam": 1.5, "binh-dinh": 1.5,
    "phu-tho": 1.5, "bac-ninh": 1.4, "quang-ninh": 1.3, "thai-nguyen": 1.3, "ha-tinh": 1.3,
    "lam-dong": 1.3, "ben-tre": 1.3, "hung-yen": 1.3, "son-la": 1.2, "can-tho": 1.2,
    "binh-thuan": 1.2, "quang-ngai": 1.2, "khanh-hoa": 1.2, "soc-trang": 1.2, "ca-mau": 1.2,
    "da-nang": 1.1, "tay-ninh": 1.2, "vinh-phuc": 1.2, "ba-ria-vung-tau": 1.1,
    "thua-thien-hue": 1.1, "vinh-long": 1.0, "tra-vinh": 1.0, "binh-phuoc": 1.0,
    "ninh-binh": 1.0, "phu-yen": 1.0, "bac-lieu": 0.9, "quang-binh": 0.9, "ha-giang": 0.9,
    "hoa-binh": 0.9, "ha-nam": 0.9, "yen-bai": 0.8, "tuyen-quang": 0.8, "lang-son": 0.8,
    "lao-cai": 0.7, "hau-giang": 0.7, "quang-tri": 0.6, "dak-nong": 0.6, "dien-bien": 0.6,
    "ninh-thuan": 0.6, "kon-tum": 0.5, "cao-bang": 0.5, "lai-chau": 0.5, "bac-kan": 0.3,
}  # fmt: skip
NO_PROVINCE_SHARE = 0.07
# Of a repeated source's reports, how many come from the province it mostly calls.
HOME_SHARE = 0.5
# Of the citizens of a merged unit, how many still choose its old name.
OLD_NAME_SHARE = 0.6

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DAYS = 365
GROWTH = 1.0  # reports per day double over the year
# Reports per hour of the day (Vietnam time): few at night, most in office hours.
HOURLY = (1, 1, 1, 1, 1, 2, 4, 7, 10, 11, 11, 10, 7, 8, 10, 10, 9, 8, 7, 8, 8, 6, 4, 2)
CONTACT_SHARE = 0.12
NO_PATTERN_SHARE = 0.2
PATTERN_TICK = 0.8  # a citizen ticks each pattern the text describes with this chance
NO_DIACRITICS_SHARE = 0.15


def weighted(rng, choices):
    """One value of ((value, weight), ...)."""
    values = [value for value, _weight in choices]
    return rng.choices(values, weights=[weight for _value, weight in choices])[0]


# -- sources ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    value: str  # in the normal form filing stores (reports.phones.normalize_source)
    profile: str
    owner: str = ""  # for a department's line
    province: str | None = None  # where the line is (slug), for official lines


def mobile(rng):
    """A Vietnamese mobile number in its normal form: 0 + a prefix + 7 digits."""
    return rng.choice(texts.MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"


def landline(rng, area=None):
    area, digits = (area, 8 if len(area) == 3 else 7) if area else rng.choice(texts.LANDLINES)
    # Subscriber numbers of fixed lines start with 3 or 6 in most areas.
    return area + rng.choice("36") + f"{rng.randrange(10 ** (digits - 1)):0{digits - 1}d}"


def foreign(rng):
    code, lead, digits = rng.choice(texts.FOREIGN)
    rest = digits - len(lead)
    return f"{code}{lead}{rng.randrange(10**rest):0{rest}d}"


def _number_for(rng, profile, pooled=True):
    """A source for the profile, as a citizen would type it (normalised by the caller).

    Sender names and short codes are few (texts.SENDER_NAMES, SHORT_CODES):
    only pooled sources use them, or one-off draws would report each hundreds
    of times.
    """
    if profile == "scam_caller":
        form = weighted(rng, (("mobile", 75), ("landline", 10), ("foreign", 15)))
    elif profile == "spam_caller":
        form = weighted(rng, (("mobile", 85), ("landline", 15)))
    elif not pooled:
        form = weighted(rng, (("mobile", 90), ("foreign", 10)))
    elif profile == "scam_sms":
        form = weighted(rng, (("sender", 50), ("mobile", 45), ("short", 5)))
    else:
        form = weighted(rng, (("sender", 40), ("short", 20), ("mobile", 40)))
    if form == "mobile":
        return mobile(rng)
    if form == "landline":
        return landline(rng)
    if form == "foreign":
        return foreign(rng)
    if form == "short":
        return rng.choice(texts.SHORT_CODES)
    return rng.choice(texts.SENDER_NAMES)


def normal(value):
    """The stored form; S is the most lenient kind (a sender name is accepted for S and LD)."""
    return normalize_source("S", value)


class SourcePool:
    """The sources reported more than once, by rank: rank r drawn with weight 1/(r + 10)."""

    def __init__(self, rng, reports):
        size = max(POOL_MINIMUM, reports // POOL_PER_REPORTS)
        officials = [Source(number, "official", "", home) for number, home in HOTLINE_SOURCES]
        self.official_lines = [
            Source(normal(landline(rng, area)), "official", owner, province)
            for area, owner, province in OFFICIAL_LINES
        ]
        officials = iter(officials + self.official_lines)
        taken = set()
        self.sources = []
        for rank in range(1, size + 1):
            if rank in OFFICIAL_RANKS:
                source = next(officials)
            else:
                profile = TOP_RANKS.get(rank) or weighted(rng, PROFILES)
                source = self._new(rng, profile, taken, first=rank == 2)
            taken.add(source.value)
            self.sources.append(source)
        weights = [1 / (rank + ZIPF_OFFSET) for rank in range(1, size + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def _new(self, rng, profile, taken, first=False):
        while True:
            # The spoofed bank brandname of PRODUCT.md is the pool's second rank.
            value = "VCB-BANK" if first else _number_for(rng, profile)
            try:
                value = normal(value)
            except SourceError:  # pragma: no cover - every generated form is accepted
                continue
            if value not in taken:
                return Source(value, profile)
            first = False

    def draw(self, rng):
        """A source: from the pool (REPEAT_SHARE of the time), else one nobody else reports."""
        if rng.random() < REPEAT_SHARE:
            index = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
            return self.sources[min(index, len(self.sources) - 1)]
        profile = weighted(rng, PROFILES)
        if rng.random() < 0.8:
            # Most one-off sources are mobiles: built in their normal form, no parsing.
            return Source(mobile(rng), profile)
        return Source(normal(_number_for(rng, profile, pooled=False)), profile)

    def top(self, count, profiles=("scam_caller", "scam_sms")):
        """The most weighted sources of the profiles: the ones inspectors end up confirming."""
        return [source for source in self.sources if source.profile in profiles][:count]


def kind_for(rng, source):
    kind = weighted(rng, PROFILE_KINDS[source.profile])
    if kind != "S" and not NUMBER.fullmatch(source.value):
        return "S"  # a call never comes from a sender name (reports.phones)
    return kind


def family_for(source, kind):
    if source.profile == "spam_caller":
        return "spam_sms" if kind == "S" else "spam_call"
    return {"scam_caller": "scam_call"}.get(source.profile, source.profile)


# -- contents ---------------------------------------------------------------------------

_FIELDS = {}
folded = lru_cache(maxsize=65536)(fold)


def _fields(template):
    if template not in _FIELDS:
        _FIELDS[template] = [field for _lit, field, _s, _c in Formatter().parse(template) if field]
    return _FIELDS[template]


def fill(rng, template, province_name):
    values = {}
    for field in _fields(template):
        if field not in values:
            values[field] = province_name if field == "province" else rng.choice(texts.SLOTS[field])
    return template.format(**values)


def content_for(rng, family, province_name):
    """(content, pattern slugs the citizen ticked) for a report of this family."""
    medium, nature = texts.FAMILIES[family]
    template, patterns = rng.choice(texts.TEMPLATES[family])
    opening = fill(rng, rng.choice(texts.OPENINGS[medium]), province_name)
    body = fill(rng, template, province_name)
    if opening.endswith(" ") and not opening.rstrip().endswith((".", ":")):
        body = body[0].lower() + body[1:]  # "Sáng nay người gọi…"
    content = (opening + body + fill(rng, rng.choice(texts.ENDINGS[nature]), province_name)).strip()
    if rng.random() < NO_DIACRITICS_SHARE:
        content = folded(content)  # typed on a phone without Vietnamese input
    if rng.random() < NO_PATTERN_SHARE:
        return content, []
    return content, [slug for slug in patterns if rng.random() < PATTERN_TICK]


# -- provinces -------------------------------------------------------------------------


class ProvinceChooser:
    """The province a citizen picks: by population, often the unit's pre-2025 name."""

    def __init__(self, provinces):
        slugs = {p.slug for p in provinces}
        # Huế's people are counted under its former name (Thừa Thiên Huế).
        self.units = [p for p in provinces if p.slug != "hue" or "thua-thien-hue" not in slugs]
        self.by_slug = {p.slug: p for p in self.units}
        weights = [POPULATION.get(p.slug, 0.6) for p in self.units]
        self.cumulative = list(itertools.accumulate(weights))

    def unit(self, rng):
        """A pre-2025 unit (or an unchanged one), by population."""
        index = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
        return self.units[min(index, len(self.units) - 1)]

    def choose(self, rng, home=None):
        """The Province as chosen (a former unit or a current one), or None.

        `home`: where a repeated source mostly calls (HOME_SHARE of its reports).
        """
        if rng.random() < NO_PROVINCE_SHARE:
            return None
        unit = home if home is not None and rng.random() < HOME_SHARE else self.unit(rng)
        if not unit.is_current and rng.random() > OLD_NAME_SHARE:
            return unit.merged_into
        return unit


# -- times ----------------------------------------------------------------------------


def filing_times(rng, count, now):
    """`count` filing times over the DAYS before `now`, day by day (volume growing).

    The i-th report falls on the day where the volume's cumulative share
    reaches i/count, so the times come out in order of day without holding
    them all; the hour follows HOURLY, in Vietnam time.
    """
    local_now = now.astimezone(VIETNAM)
    first_day = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    first_day -= datetime.timedelta(days=DAYS - 1)
    for i in range(count):
        share = (i + rng.random()) / count
        # Inverse of the cumulative volume (1 + GROWTH·x) over x in [0, 1].
        x = (-1 + math.sqrt(1 + 2 * GROWTH * share * (1 + GROWTH / 2))) / GROWTH
        day = min(int(x * DAYS), DAYS - 1)
        hour = rng.choices(range(24), weights=HOURLY)[0]
        moment = first_day + datetime.timedelta(
            days=day, hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60)
        )
        # Today's reports cannot come from later today.
        if moment > now:
            moment = now - datetime.timedelta(seconds=rng.randrange(1, 3600))
        yield moment.astimezone(datetime.UTC)


def occurred_before(rng, created):
    """When the call or text came: most minutes before, some hours, a few days."""
    draw = rng.random()
    if draw < 0.7:
        minutes = rng.expovariate(1 / 30)
    elif draw < 0.95:
        minutes = rng.uniform(60, 24 * 60)
    else:
        minutes = rng.uniform(24 * 60, 5 * 24 * 60)
    return created - datetime.timedelta(minutes=minutes)
