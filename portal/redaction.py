"""Nothing a citizen wrote, and no receipt code, in any log line.

A receipt code is the only key to a report's receipt and to the withdrawal of
its contact details: whoever reads it in a log holds that key. What a citizen
typed (the report's content, their contact) is personal data and has no
business in an access log either, nor has what staff search the admin for
(a code, a citizen's e-mail). `redact` hides both wherever a URL can turn
up in a log line: Django's log records (`RedactFilter`, on every handler of
settings.LOGGING) and gunicorn's access and error logs (portal/gunicorn_conf.py).
"""

import logging
import re
from urllib.parse import unquote_plus

CODE_MARK = "[mã]"
VALUE_MARK = "[…]"

# Query parameters whose values stay out of logs, wherever they appear (a request
# line, a Referer):
# - the receipt code (/report/find?code=), and what a citizen typed (GET
#   /api/v1/compose is still there for chatbots);
# - what staff search for, which is a receipt code, a citizen's e-mail or phone, a
#   line of a report: the admin's search (`q`, also the public letter search, where
#   a citizen types what they like), its autocomplete (`term`), the list's filters
#   carried to a change page (`_changelist_filters`, the list's query URL-encoded,
#   `q` included), and the address a login goes back to (`next`, such a list's
#   address). A Referer is a URL like any other: the previous admin page's `q`
#   is hidden there too.
# `source` and `number` are the scammer's number: worth keeping.
SENSITIVE_PARAMETERS = frozenset(
    {"code", "content", "contact", "q", "term", "_changelist_filters", "next"}
)

# /report/<code>/ and /report/<code>/withdraw: the segment after /report/,
# whatever it holds (a mistyped code is a near miss of a real one). Not
# /report/find, and not the admin's /admin/reports/report/<pk>/.
_CODE_SEGMENT = re.compile(r"(?<!/reports)/report/(?!find(?:[/?#]|$))[^/?#]+")
# Where a URL can stop inside a log line: request lines, quoted referers, reprs.
_TOKEN = re.compile(r"[^\s\"]+")


def _redact_query(query):
    pairs = []
    for pair in re.split(r"([&;])", query):
        name, equals, _value = pair.partition("=")
        if equals and unquote_plus(name).strip().lower() in SENSITIVE_PARAMETERS:
            pair = f"{name}={VALUE_MARK}"
        pairs.append(pair)
    return "".join(pairs)


def _redact_url(url):
    """One URL or path, alone: its code segment and sensitive query values hidden."""
    path, question, rest = url.partition("?")
    path = _CODE_SEGMENT.sub(f"/report/{CODE_MARK}", path)
    if not question:
        return path
    query, hash_, fragment = rest.partition("#")
    return f"{path}?{_redact_query(query)}{hash_}{fragment}"


def redact(text):
    """A log line, a header or a path → the same with receipt codes and typed values hidden.

    A path on its own (Django's `request.path`, WSGI's PATH_INFO) is decoded and
    may hold spaces (`/report/7KQ2 M9XD 4TPA/`): it is redacted as one URL.
    Anything else is read as text in which URLs end at a space or a quote.
    """
    if not isinstance(text, str) or ("/report/" not in text and "=" not in text):
        return text
    if text.startswith("/"):
        return _redact_url(text)
    return _TOKEN.sub(lambda match: _redact_url(match.group()), text)


class RedactFilter(logging.Filter):
    """Rewrites a record in place, so every handler after this one sees it redacted too.

    The arguments first (a decoded path with spaces is still one path there),
    then the whole message (an object formatted with %s may carry a URL), and
    the traceback text the formatter would otherwise compute unredacted.
    """

    def filter(self, record):
        try:
            if isinstance(record.args, dict):
                record.args = {key: redact(value) for key, value in record.args.items()}
            elif record.args:
                record.args = tuple(redact(value) for value in record.args)
            record.msg = redact(record.getMessage())
            record.args = ()
            if record.exc_info and not record.exc_text:
                record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        except Exception:  # a malformed record: let the handler report it as usual
            pass
        return True
