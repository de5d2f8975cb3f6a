"""Documents a letter cites: "Công văn số 1386/STTTT-BCVT ngày 19/7/2024 của Sở …"."""

import datetime
import re
from dataclasses import dataclass

# Kinds of document as written in running text, in their usual capitalisation.
KINDS = [
    "Công văn",
    "Công điện",
    "Chỉ thị",
    "Quyết định",
    "Nghị định",
    "Nghị quyết",
    "Thông tư",
    "Thông báo",
    "Kế hoạch",
    "Hướng dẫn",
    "Luật",
    "Văn bản",
]
_CANONICAL = {kind.casefold(): kind for kind in KINDS}

CITATION_RE = re.compile(
    r"\b(?P<kind>" + "|".join(KINDS) + r")\s+(?:số\s*:?\s*)?"
    # 1386/STTTT-BCVT, 12/CT-TTg, 30/2020/NĐ-CP, 91/2025/QH15
    r"(?P<number_symbol>\d+[a-zA-Z]?(?:/\d{4})?/\w+(?:-\w+)*)"
    r"(?:\s+ngày\s+(?P<day>\d{1,2})\s*(?:/|tháng)\s*(?P<month>\d{1,2})\s*(?:/|năm)\s*(?P<year>\d{4}))?"
    # "của Thủ tướng Chính phủ về …": the issuer ends where the subject starts.
    r"(?:\s+của\s+(?P<issuer>[^,;.:()“”\"\n]+?)"
    r"(?=\s+(?:về|V/v|quy định|hướng dẫn|ban hành)\b|[,;.:()“”\"\n]|$))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Citation:
    kind: str
    number_symbol: str
    issued_on: datetime.date | None
    issuer_as_written: str

    @property
    def number(self):
        return self.number_symbol.partition("/")[0]

    @property
    def symbol(self):
        return self.number_symbol.partition("/")[2]


def find_citations(text):
    """Every cited document, in order of first mention, each once."""
    found = {}
    for match in CITATION_RE.finditer(text):
        number_symbol = match["number_symbol"]
        if number_symbol in found or len(number_symbol) > 80:  # longer is not a symbol
            continue
        issued_on = None
        if match["year"]:
            try:
                issued_on = datetime.date(
                    int(match["year"]), int(match["month"]), int(match["day"])
                )
            except ValueError:
                issued_on = None  # a misprinted date is not worth guessing at
        found[number_symbol] = Citation(
            kind=_CANONICAL.get(match["kind"].casefold(), match["kind"]),
            number_symbol=number_symbol,
            issued_on=issued_on,
            issuer_as_written=(match["issuer"] or "").strip()[:200],
        )
    return list(found.values())
