from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polevent.dates import WEEKDAYS, resolve_expression

ANCHOR = date(2024, 11, 22)  # a Friday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Thursday", "2024-11-21", "day"),
        ("on Friday", "2024-11-22", "day"),
        ("October 25", "2024-10-25", "day"),
        ("25 October", "2024-10-25", "day"),
        ("May", "2024-05", "month"),
        ("November 2022", "2022-11", "month"),
        ("December", "2023-12", "month"),
        ("eighteen months ago", "2023-05", "month"),
        ("two days ago", "2024-11-20", "day"),
        ("2019", "2019", "year"),
        ("last year", "2023", "year"),
        ("yesterday", "2024-11-21", "day"),
        ("March 5, 2021", "2021-03-05", "day"),
    ],
)
def test_expressions_resolve_against_the_publication_date(text, value, precision):
    resolved = resolve_expression(text, ANCHOR)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (value, precision)


def test_relative_expressions_need_an_anchor():
    assert resolve_expression("on Thursday", None) is None
    assert resolve_expression("November 2022", None).value == "2022-11"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.sampled_from(sorted(WEEKDAYS)))
def test_a_weekday_is_the_latest_such_day_on_or_before_the_anchor(anchor, weekday):
    resolved = resolve_expression(f"on {weekday.title()}", anchor)
    day = date.fromisoformat(resolved.value)
    assert day <= anchor < day + timedelta(days=7)
    assert day.weekday() == WEEKDAYS[weekday]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.integers(1, 12))
def test_a_month_without_year_is_never_after_the_anchor(anchor, month):
    name = date(2000, month, 1).strftime("%B")
    resolved = resolve_expression(f"in {name}", anchor)
    year, resolved_month = map(int, resolved.value.split("-"))
    assert resolved_month == month
    assert (year, resolved_month) <= (anchor.year, anchor.month)
    assert (anchor.year - year) * 12 + anchor.month - resolved_month < 12
