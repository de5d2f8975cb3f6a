"""Each province's case code: the letters that start a report's case number (DL-2026-000123).

Police and operators read the case number aloud and type it into their own
systems, so the code is short, letters only, and unique across current and
former units alike: a report filed before the 2025 merger keeps the code it
was numbered with, and a former unit's code is never given to another unit.
Codes follow the usual abbreviations of the names (Hà Nội HN, Đắk Lắk DL);
where two names share one (Lai Châu, Lào Cai), both take a third letter.

NATIONAL is the prefix of a report without a province ("QG", quốc gia). The
obvious "TQ" (toàn quốc) would read as Tuyên Quang, whose code it is.
"""

NATIONAL = "QG"

# By slug (advisories.text.vn_slug of the name): the 34 units since 1 July 2025 …
CURRENT = {
    "ha-noi": "HN",
    "hue": "HUE",
    "lai-chau": "LCH",
    "dien-bien": "DB",
    "son-la": "SL",
    "lang-son": "LS",
    "quang-ninh": "QNI",
    "thanh-hoa": "TH",
    "nghe-an": "NA",
    "ha-tinh": "HT",
    "cao-bang": "CB",
    "tuyen-quang": "TQ",
    "lao-cai": "LCA",
    "thai-nguyen": "TNG",
    "phu-tho": "PT",
    "bac-ninh": "BN",
    "hung-yen": "HY",
    "hai-phong": "HP",
    "ninh-binh": "NB",
    "quang-tri": "QT",
    "da-nang": "DNG",
    "quang-ngai": "QNG",
    "gia-lai": "GL",
    "khanh-hoa": "KH",
    "lam-dong": "LD",
    "dak-lak": "DL",
    "ho-chi-minh": "HCM",
    "dong-nai": "DNA",
    "tay-ninh": "TNI",
    "can-tho": "CT",
    "vinh-long": "VL",
    "dong-thap": "DT",
    "ca-mau": "CM",
    "an-giang": "AG",
}

# … and the 30 former units merged into them.
FORMER = {
    "thua-thien-hue": "TTH",
    "ha-giang": "HGI",
    "yen-bai": "YB",
    "bac-kan": "BK",
    "vinh-phuc": "VP",
    "hoa-binh": "HB",
    "bac-giang": "BG",
    "thai-binh": "TB",
    "hai-duong": "HD",
    "ha-nam": "HNA",
    "nam-dinh": "ND",
    "quang-binh": "QB",
    "quang-nam": "QNA",
    "kon-tum": "KT",
    "binh-dinh": "BDI",
    "ninh-thuan": "NT",
    "dak-nong": "DNO",
    "binh-thuan": "BTH",
    "phu-yen": "PY",
    "binh-duong": "BDU",
    "ba-ria-vung-tau": "BRVT",
    "binh-phuoc": "BP",
    "long-an": "LA",
    "soc-trang": "ST",
    "hau-giang": "HAG",
    "ben-tre": "BTR",
    "tra-vinh": "TV",
    "tien-giang": "TG",
    "bac-lieu": "BL",
    "kien-giang": "KG",
}

CASE_CODES = {**CURRENT, **FORMER}


def fill_case_codes(Province):
    """Give each unit without a code its code from CASE_CODES; returns how many were given.

    `Province` is the model class, or a migration's historical one. A code
    staff already set (or changed) is kept.
    """
    given = 0
    for slug, code in CASE_CODES.items():
        given += Province.objects.filter(slug=slug, case_code__isnull=True).update(case_code=code)
    return given
