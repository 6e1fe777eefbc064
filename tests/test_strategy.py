"""Unit tests of ``resolve_sampling_strategy``, compared with imbalanced-learn where valid."""

from __future__ import annotations

import re

import numpy as np
import pytest
from imblearn.utils import check_sampling_strategy

from smotekit._strategy import OVER, UNDER, resolve_sampling_strategy

BINARY = np.array([0] * 20 + [1] * 5)
MULTI = np.array([2] * 7 + [0] * 12 + [5] * 3 + [1] * 30)  # unsorted, gaps in the labels
STRINGS = np.array(["spam"] * 4 + ["ham"] * 9 + ["eggs"] * 6)
TIES = np.array([0] * 8 + [1] * 8 + [2] * 3 + [3] * 3)  # tied majorities and minorities
TARGETS = {"binary": BINARY, "multi": MULTI, "strings": STRINGS, "ties": TIES}
NAMED_OVER = ("auto", "minority", "not minority", "not majority", "all")
NAMED_UNDER = ("auto", "not minority", "not majority", "all")


def items(mapping) -> list:
    """(label, n) pairs as plain Python values, in the mapping's order."""
    return [(np.asarray(k).item(), int(v)) for k, v in mapping.items()]


def assert_same_as_imblearn(strategy, y, sampling_type) -> dict:
    ours = resolve_sampling_strategy(strategy, y, sampling_type)
    theirs = check_sampling_strategy(strategy, y, sampling_type)
    assert items(ours) == items(theirs)  # same classes, same numbers, same (sorted) order
    return ours


# --------------------------------------------------------------------------- valid forms


@pytest.mark.parametrize("name", sorted(TARGETS))
@pytest.mark.parametrize("strategy", NAMED_OVER)
def test_named_over_sampling_matches_imblearn(strategy, name):
    assert_same_as_imblearn(strategy, TARGETS[name], OVER)


@pytest.mark.parametrize("name", sorted(TARGETS))
@pytest.mark.parametrize("strategy", NAMED_UNDER)
def test_named_under_sampling_matches_imblearn(strategy, name):
    assert_same_as_imblearn(strategy, TARGETS[name], UNDER)


def test_named_values_over_sampling():
    y = MULTI  # counts: 0 -> 12, 1 -> 30, 2 -> 7, 5 -> 3
    assert resolve_sampling_strategy("auto", y) == {0: 18, 2: 23, 5: 27}
    assert resolve_sampling_strategy("not majority", y) == {0: 18, 2: 23, 5: 27}
    assert resolve_sampling_strategy("minority", y) == {5: 27}
    assert resolve_sampling_strategy("not minority", y) == {0: 18, 1: 0, 2: 23}
    assert resolve_sampling_strategy("all", y) == {0: 18, 1: 0, 2: 23, 5: 27}
    assert list(resolve_sampling_strategy("all", y)) == [0, 1, 2, 5]


def test_named_values_under_sampling():
    y = MULTI
    assert resolve_sampling_strategy("auto", y, UNDER) == {0: 3, 1: 3, 2: 3}
    assert resolve_sampling_strategy("not majority", y, UNDER) == {0: 3, 2: 3, 5: 3}
    assert resolve_sampling_strategy("all", y, UNDER) == {0: 3, 1: 3, 2: 3, 5: 3}


def test_string_labels_come_back_as_python_strings_in_sorted_order():
    result = resolve_sampling_strategy("auto", STRINGS)
    assert list(result) == ["eggs", "spam"]
    assert all(type(label) is str for label in result)
    assert result == {"eggs": 3, "spam": 5}


@pytest.mark.parametrize(
    ("wanted", "sampling_type"),
    [
        ({1: 30, 5: 10}, OVER),
        ({5: 3}, OVER),  # asking for the current count adds nothing
        ({2: 7, 0: 40, 1: 30}, OVER),
        ({np.int64(5): np.int64(9)}, OVER),
        ({1: 10, 0: 0}, UNDER),
        ({2: 7}, UNDER),
        ({5: 1, 1: 29, 0: 12}, UNDER),
    ],
)
def test_dict_matches_imblearn(wanted, sampling_type):
    ours = assert_same_as_imblearn(wanted, MULTI, sampling_type)
    assert set(ours) == {np.asarray(k).item() for k in wanted}


def test_dict_values_are_rows_to_add_when_over_and_rows_to_keep_when_under():
    assert resolve_sampling_strategy({5: 10, 1: 30}, MULTI, OVER) == {1: 0, 5: 7}
    assert resolve_sampling_strategy({5: 1, 1: 30}, MULTI, UNDER) == {1: 30, 5: 1}


def test_dict_with_string_labels():
    assert_same_as_imblearn({"spam": 9, "eggs": 20}, STRINGS, OVER)
    assert resolve_sampling_strategy({"spam": 9, "eggs": 20}, STRINGS) == {"eggs": 14, "spam": 5}


@pytest.mark.parametrize("sampling_type", [OVER, UNDER])
def test_callable_matches_imblearn_and_receives_y(sampling_type):
    seen = []

    def strategy(y):
        seen.append(y)
        counts = dict(zip(*np.unique(y, return_counts=True), strict=True))
        if sampling_type == OVER:
            return {label: 2 * int(n) for label, n in counts.items() if n < 10}
        return {label: int(n) // 2 for label, n in counts.items() if n > 10}

    ours = assert_same_as_imblearn(strategy, MULTI, sampling_type)
    assert seen[0] is MULTI
    expected = {2: 7, 5: 3} if sampling_type == OVER else {0: 6, 1: 15}
    assert ours == expected


@pytest.mark.parametrize("ratio", [0.3, 0.5, 0.77, 1.0, 1, np.float32(0.5), np.float64(0.9)])
def test_float_over_sampling_matches_imblearn(ratio):
    ours = assert_same_as_imblearn(ratio, BINARY, OVER)
    # the minority ends at int(majority * ratio) rows
    assert ours == {1: int(20 * float(ratio)) - 5}


@pytest.mark.parametrize("ratio", [0.25, 0.3, 0.5, 0.77, 1.0, np.float64(0.9)])
def test_float_under_sampling_matches_imblearn(ratio):
    ours = assert_same_as_imblearn(ratio, BINARY, UNDER)
    assert ours == {0: int(5 / float(ratio))}


def test_float_that_adds_nothing_is_allowed():
    # imbalanced-learn refuses a ratio that adds 0 rows; smotekit treats it like the dict
    # {minority: current count}, which both libraries allow: nothing to add.
    assert resolve_sampling_strategy(0.25, BINARY) == {1: 0}
    assert resolve_sampling_strategy({1: 5}, BINARY) == {1: 0}


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("sampling_type", [OVER, UNDER])
def test_float_with_more_than_two_classes(sampling_type):
    with pytest.raises(ValueError, match=r"sampling_strategy as a float \(0\.5\).*binary y.*dict"):
        resolve_sampling_strategy(0.5, MULTI, sampling_type)


@pytest.mark.parametrize("ratio", [0.0, -0.5, 1.5, 2, float("inf"), float("nan")])
@pytest.mark.parametrize("sampling_type", [OVER, UNDER])
def test_float_out_of_range(ratio, sampling_type):
    pattern = (
        rf"sampling_strategy as a float must be in \(0, 1\].*got {re.escape(str(float(ratio)))}"
    )
    with pytest.raises(ValueError, match=pattern):
        resolve_sampling_strategy(ratio, BINARY, sampling_type)


def test_float_that_would_remove_rows_when_over_sampling():
    # 0.2 * 20 = 4 rows of class 1, which already has 5
    pattern = r"sampling_strategy=0\.2 asks for 4 rows of class 1.*cannot remove rows.*>= 0\.25"
    with pytest.raises(ValueError, match=pattern):
        resolve_sampling_strategy(0.2, BINARY, OVER)


def test_float_that_would_add_rows_when_under_sampling():
    # 5 / 0.2 = 25 rows of class 0, which has 20
    pattern = r"sampling_strategy=0\.2 asks to keep 25 rows of class 0.*cannot add rows.*>= 0\.25"
    with pytest.raises(ValueError, match=pattern):
        resolve_sampling_strategy(0.2, BINARY, UNDER)


@pytest.mark.parametrize("sampling_type", [OVER, UNDER])
def test_dict_with_unknown_class(sampling_type):
    pattern = r"sampling_strategy names class\(es\) \[7\] that are not in y.*\[0, 1, 2, 5\]"
    with pytest.raises(ValueError, match=pattern):
        resolve_sampling_strategy({1: 30, 7: 3}, MULTI, sampling_type)


def test_dict_unknown_string_class():
    with pytest.raises(ValueError, match=r"class\(es\) \['bacon'\] that are not in y"):
        resolve_sampling_strategy({"bacon": 10}, STRINGS)


def test_dict_value_below_current_count_when_over_sampling():
    pattern = r"sampling_strategy\[5\] = 2 is below the 3 rows class 5 already has.*at least 3"
    with pytest.raises(ValueError, match=pattern):
        resolve_sampling_strategy({5: 2}, MULTI, OVER)


def test_dict_value_above_current_count_when_under_sampling():
    pattern = r"sampling_strategy\[5\] = 4 is above the 3 rows class 5 has.*at most 3"
    with pytest.raises(ValueError, match=pattern):
        resolve_sampling_strategy({5: 4}, MULTI, UNDER)


@pytest.mark.parametrize("value", [-1, 2.5, 40.0, "40", None, True])
@pytest.mark.parametrize("sampling_type", [OVER, UNDER])
def test_dict_value_not_a_non_negative_int(value, sampling_type):
    pattern = rf"sampling_strategy\[1\] must be a non-negative int.*got {re.escape(repr(value))}"
    with pytest.raises(ValueError, match=pattern):
        resolve_sampling_strategy({1: value}, MULTI, sampling_type)


@pytest.mark.parametrize("name", ["bogus", "Auto", "majority ", ""])
def test_unknown_string_lists_the_allowed_forms(name):
    with pytest.raises(ValueError) as info:
        resolve_sampling_strategy(name, MULTI)
    message = str(info.value)
    assert message.startswith("sampling_strategy must be")
    assert f"got {name!r}" in message
    for allowed in ("float in (0, 1]", *(repr(n) for n in NAMED_OVER), "dict", "callable"):
        assert allowed in message


@pytest.mark.parametrize("value", [[1, 5], (1, 5), {1, 5}, None, object(), b"auto", True])
def test_other_types_are_type_errors(value):
    with pytest.raises(TypeError, match=r"sampling_strategy must be .*dict.*callable.*got "):
        resolve_sampling_strategy(value, MULTI)


def test_type_error_message_shows_the_value():
    with pytest.raises(TypeError, match=re.escape("got [1, 5].")):
        resolve_sampling_strategy([1, 5], MULTI)


@pytest.mark.parametrize("returned", [[1, 5], None, 0.5, "auto"])
def test_callable_returning_a_non_dict(returned):
    pattern = (
        rf"sampling_strategy: the callable must return a dict.*returned {re.escape(repr(returned))}"
    )
    with pytest.raises(TypeError, match=pattern):
        resolve_sampling_strategy(lambda y: returned, MULTI)


def test_callable_returning_a_bad_dict_gets_the_dict_errors():
    with pytest.raises(ValueError, match=r"sampling_strategy\[5\] = 1 is below"):
        resolve_sampling_strategy(lambda y: {5: 1}, MULTI)
    with pytest.raises(ValueError, match=r"class\(es\) \[9\] that are not in y"):
        resolve_sampling_strategy(lambda y: {9: 1}, MULTI)


# --------------------------------------------------------------------------- names per kind


def test_majority_under_sampling_matches_imblearn():
    assert_same_as_imblearn("majority", MULTI, UNDER)


def test_minority_under_sampling_is_rejected_like_imblearn():
    with pytest.raises(ValueError, match="sampling_strategy"):
        resolve_sampling_strategy("minority", MULTI, UNDER)


def test_majority_is_rejected_for_over_sampling():
    with pytest.raises(ValueError, match=r"sampling_strategy must be .*got 'majority'"):
        resolve_sampling_strategy("majority", MULTI, OVER)
    with pytest.raises(ValueError, match="majority"):
        check_sampling_strategy("majority", MULTI, OVER)
