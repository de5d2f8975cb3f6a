"""The public pages load the part of Bootstrap they use (`make css`), not all of it.

A first visit on 3G must stay under 30 KB compressed (bench/load.py measures it), and
Bootstrap whole is 25 KB of that. The subset is made by PurgeCSS, which keeps the rules
whose class names appear as a word in the templates, scripts and Python code. Using a
Bootstrap class no file used before, without rerunning `make css`, would ship a page
that looks broken only in production: this test fails first and says which class.
"""

import re
import sysconfig
from pathlib import Path

from django.conf import settings
from django.test import Client

SUBSET = settings.BASE_DIR / "static" / "css" / "bootstrap-portal.min.css"
SITE = Path(sysconfig.get_paths()["purelib"])
FULL = SITE / "bootstrap" / "static" / "bootstrap" / "css" / "bootstrap.min.css"

# What `make css` gives PurgeCSS as content (keep the two lists alike).
CONTENT = [
    (settings.BASE_DIR, "templates/**/*.html"),
    (settings.BASE_DIR, "advisories/**/*.html"),
    (settings.BASE_DIR, "reports/**/*.html"),
    (settings.BASE_DIR, "portal/**/*.html"),
    (settings.BASE_DIR, "static/js/*.js"),
    (settings.BASE_DIR, "advisories/**/*.py"),
    (settings.BASE_DIR, "reports/**/*.py"),
    (settings.BASE_DIR, "portal/**/*.py"),
    (SITE, "crispy_bootstrap5/templates/**/*.html"),
    (SITE, "django/forms/templates/**/*.html"),
]

CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
# PurgeCSS's default extractor: every run of these characters is a candidate class.
WORD = re.compile(r"[A-Za-z0-9_-]+")


def class_rules(css):
    """Class names of rules that name one class only (e.g. `.btn`, `.btn:hover`).

    Rules naming several (`.btn-check:checked+.btn`) are kept by PurgeCSS only when
    all their classes are used, so they say nothing about one class alone.
    """
    # Drop @-rule headers' braces and declarations: keep the selector lists.
    selectors = re.findall(r"([^{}]+)\{[^{}]*\}", css)
    names = set()
    for selector_list in selectors:
        for selector in selector_list.split(","):
            found = set(CLASS.findall(selector.split("::")[0]))
            if len(found) == 1:
                names |= found
    return names


def words_in_content():
    words = set()
    for base, pattern in CONTENT:
        for path in base.glob(pattern):
            words.update(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


def test_every_bootstrap_class_the_code_uses_is_in_the_subset():
    full = class_rules(FULL.read_text(encoding="utf-8"))
    subset = class_rules(SUBSET.read_text(encoding="utf-8"))
    used = full & words_in_content()
    missing = sorted(used - subset)
    assert not missing, f"run `make css`: the subset lacks {missing[:20]}"
    # The subset is a subset: much smaller than Bootstrap whole.
    assert len(subset) < len(full) / 2
    assert SUBSET.stat().st_size < FULL.stat().st_size / 2


def test_the_subset_keeps_bootstraps_licence():
    assert "Bootstrap" in SUBSET.read_text(encoding="utf-8")[:400]
    assert "MIT" in SUBSET.read_text(encoding="utf-8")[:400]


def test_public_pages_link_the_subset_not_bootstrap_whole(db):
    page = Client().get("/report/").content.decode()
    assert "css/bootstrap-portal" in page
    assert "bootstrap/css/bootstrap.min.css" not in page
