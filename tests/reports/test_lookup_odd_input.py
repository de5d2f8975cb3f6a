"""Whatever is pasted into the look-up, a link or a handle field, the answer is a message.

Citizens paste whole SMS texts, links with odd characters, emoji and
invisible marks: the rules answer with a ValueError carrying the message
to show (SourceError for the look-up), never another exception (a 500).
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.recognise import recognise
from reports.used import link_domain, social_key

pytestmark = pytest.mark.django_db

# Text as it comes: any character, and the ones links and handles are made of, often.
pasted = st.one_of(
    st.text(max_size=80),
    st.text(alphabet="abcđ0123456789.:/@-_[]?#%+ 　。", max_size=60),
    st.builds(lambda a, b: f"https://{a}.{b}/", st.text(max_size=20), st.text(max_size=8)),
)
quick = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@quick
@given(pasted)
def test_a_link_gives_a_domain_or_a_message(text):
    try:
        domain = link_domain(text)
    except ValueError as refused:
        assert str(refused)
    else:
        assert domain == domain.lower() and domain.isascii() and " " not in domain


@quick
@given(st.sampled_from(["zalo", "facebook", "telegram", "other"]), pasted)
def test_a_handle_gives_a_key_or_a_message(platform, text):
    try:
        key = social_key(platform, text)
    except ValueError as refused:
        assert str(refused)
    else:
        assert key.split(":", 1)[0] in {"zalo", "facebook", "telegram", "other"}
        assert key == key.lower()


@quick
@given(pasted)
def test_the_look_up_recognises_or_says_what_it_takes(text):
    try:
        _subject, key = recognise(text)
    except ValueError as refused:  # SourceError
        assert str(refused)
    else:
        assert key
