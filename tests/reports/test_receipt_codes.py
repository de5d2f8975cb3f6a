"""A receipt code is random, read aloud easily and typed back any reasonable way."""

import re

import pytest

from reports.codes import ALPHABET, new_code, normalize_code


def test_a_code_is_three_groups_of_four_crockford_symbols():
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert re.fullmatch(
            r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code
        )


def test_a_code_carries_60_bits_without_ambiguous_letters():
    assert len(ALPHABET) == 32  # 5 bits a symbol, 12 symbols
    for ambiguous in "ILOU":
        assert ambiguous not in ALPHABET


@pytest.mark.parametrize(
    "typed",
    ["7KQ2-M9XD-4TPA", "7kq2-m9xd-4tpa", "7KQ2M9XD4TPA", " 7kq2 m9xd 4tpa ", "7KQ2.M9XD.4TPA"],
)
def test_the_citizen_may_type_it_back_in_lower_case_and_without_dashes(typed):
    assert normalize_code(typed) == "7KQ2-M9XD-4TPA"


def test_letters_that_look_like_digits_are_read_as_the_digits():
    assert normalize_code("7KQ2-M9XD-4TPO") == "7KQ2-M9XD-4TP0"
    assert normalize_code("IKQ2-M9XD-4TPl") == "1KQ2-M9XD-4TP1"


@pytest.mark.parametrize(
    "typed", ["", None, "7KQ2-M9XD", "7KQ2-M9XD-4TPA-1", "7KQ2-M9XD-4TPU", "x" * 500]
)
def test_anything_else_is_not_a_code(typed):
    assert normalize_code(typed) is None
