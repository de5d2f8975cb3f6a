"""A chat account is one account however it was written: phone, @handle or profile link."""

import pytest

from reports.used import HANDLE_MAX_LENGTH, social_key


@pytest.mark.parametrize(
    ("platform", "handle", "key"),
    [
        ("zalo", "0912 345 678", "zalo:0912345678"),  # Zalo by phone
        ("zalo", "+84 912 345 678", "zalo:0912345678"),
        ("zalo", "https://zalo.me/0912345678", "zalo:0912345678"),
        ("zalo", "zalo.me/84912345678", "zalo:0912345678"),
        ("facebook", "facebook.com/profile.php?id=100012345678901", "facebook:100012345678901"),
        ("facebook", "https://www.facebook.com/profile.php?id=1000123&ref=x", "facebook:1000123"),
        ("facebook", "fb.com/nguyen.van.a", "facebook:nguyen.van.a"),
        ("facebook", "https://m.facebook.com/Nguyen.Van.A/", "facebook:nguyen.van.a"),
        (
            "facebook",
            "https://www.facebook.com/people/Nguyen-Van-A/100087654321/",
            "facebook:100087654321",
        ),
        ("facebook", "100012345678901", "facebook:100012345678901"),  # an id is not a phone
        ("telegram", "t.me/abc", "telegram:abc"),
        ("telegram", "https://telegram.me/ABC", "telegram:abc"),
        ("telegram", "@Abc", "telegram:abc"),
        ("telegram", "  ABC  ", "telegram:abc"),
        ("other", "Shop.Uy.Tin", "other:shop.uy.tin"),
    ],
)
def test_each_way_of_writing_an_account_gives_one_key(platform, handle, key):
    assert social_key(platform, handle) == key


def test_a_profile_link_names_its_platform_whatever_was_chosen():
    assert social_key("other", "https://m.facebook.com/nguyen.van.a") == "facebook:nguyen.van.a"
    assert social_key("zalo", "t.me/abc") == "telegram:abc"


@pytest.mark.parametrize("handle", ["", "   ", "@", "https://facebook.com/"])
def test_an_empty_handle_asks_for_one(handle):
    with pytest.raises(ValueError, match="Hãy ghi tên tài khoản"):
        social_key("facebook", handle)


def test_an_unknown_platform_and_an_overlong_handle_are_refused():
    with pytest.raises(ValueError, match="Hãy chọn nền tảng"):
        social_key("myspace", "abc")
    with pytest.raises(ValueError, match=str(HANDLE_MAX_LENGTH)):
        social_key("zalo", "a" * (HANDLE_MAX_LENGTH + 1))
