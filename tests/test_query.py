"""The query parser (``store.search.query``): every operator, one-line errors for bad queries."""

from __future__ import annotations

import pytest

from store.search.query import (
    And,
    DateRange,
    Field,
    Not,
    Or,
    Query,
    QueryError,
    Term,
    date_matches,
    field_term,
    parse,
    positive_terms,
)


def test_empty_query_is_everything() -> None:
    assert parse("") == Query(None, "date")
    assert parse("   ") == Query(None, "date")


def test_terms_are_anded() -> None:
    assert parse("高新 海尔").root == And((Term("高新"), Term("海尔")))


def test_single_term() -> None:
    assert parse("高新区").root == Term("高新区")


def test_negation() -> None:
    assert parse("海尔 -卡奥斯").root == And((Term("海尔"), Not(Term("卡奥斯"))))


def test_phrase_keeps_spaces() -> None:
    assert parse('"Qingdao  Haier"').root == Term("Qingdao  Haier", phrase=True)
    assert parse("“高新 区”").root == Term("高新 区", phrase=True)  # full-width quotes


def test_or_binds_tighter_than_and() -> None:
    assert parse("a b OR c").root == And((Term("a"), Or((Term("b"), Term("c")))))
    assert parse("a OR b OR c").root == Or((Term("a"), Term("b"), Term("c")))


def test_lowercase_or_is_a_term() -> None:
    assert parse("a or b").root == And((Term("a"), Term("or"), Term("b")))


def test_parentheses_group() -> None:
    assert parse("(a b) OR c").root == Or((And((Term("a"), Term("b"))), Term("c")))
    assert parse("-(a OR b)").root == Not(Or((Term("a"), Term("b"))))


@pytest.mark.parametrize(
    "field", ["title", "person", "place", "org", "reporter", "source", "newspaper"]
)
def test_text_fields(field: str) -> None:
    assert parse(f"{field}:海尔").root == Field(field, "海尔")


def test_field_name_is_case_insensitive_and_value_may_be_quoted() -> None:
    assert parse('Person:"Li Ming"').root == Field("person", "Li Ming")


def test_negated_field() -> None:
    assert parse("org:海尔 -org:卡奥斯").root == And(
        (Field("org", "海尔"), Not(Field("org", "卡奥斯")))
    )


def test_dates() -> None:
    assert parse("date:2022-12").root == DateRange("2022-12", "2022-12")
    assert parse("date:2022-12-01..2022-12-15").root == DateRange("2022-12-01", "2022-12-15")
    assert parse("date:2022-12-01..").root == DateRange("2022-12-01", "")
    assert parse("date:..2022").root == DateRange("", "2022")


def test_date_matching() -> None:
    month = DateRange("2022-12", "2022-12")
    assert date_matches("2022-12-31", month)
    assert not date_matches("2023-01-01", month)
    assert not date_matches("", month)
    rng = DateRange("2022-12-01", "2022-12-15")
    assert date_matches("2022-12-15", rng) and date_matches("2022-12-01", rng)
    assert not date_matches("2022-12-16", rng) and not date_matches("2022-11-30", rng)


def test_flags_and_tags() -> None:
    assert parse("is:bookmarked").root == Field("is", "bookmarked")
    assert parse("is:UNREAD").root == Field("is", "unread")
    assert parse("has:note").root == Field("has", "note")
    assert parse("tag:待查").root == Field("tag", "待查")


def test_sort() -> None:
    assert parse("海尔 sort:relevance") == Query(Term("海尔"), "relevance")
    assert parse("sort:date") == Query(None, "date")


def test_cjk_latin_mix() -> None:
    assert parse("5G基站 haier 青岛").root == And((Term("5G基站"), Term("haier"), Term("青岛")))


def test_colon_after_non_latin_is_text() -> None:
    assert parse("记者:耿婷婷 12:30").root == And((Term("记者:耿婷婷"), Term("12:30")))


def test_positive_terms_skip_negations() -> None:
    root = parse('海尔 -卡奥斯 title:高新 "a b" person:张三').root
    assert positive_terms(root) == ["海尔", "高新", "a b"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"高新', "unclosed quote"),
        ("(高新", "unclosed '('"),
        ("高新)", "unmatched ')'"),
        ("()", "empty"),
        ("OR 高新", "OR needs a term"),
        ("高新 OR", "OR needs a term"),
        ("a OR OR b", "OR needs a term"),
        ("-", "'-' needs a term"),
        ("高新 - 海尔", "'-' needs a term"),
        ("foo:bar", "unknown field 'foo:'"),
        ("person:", "'person:' needs a value"),
        ('title:""', "'title:' needs a value"),
        ("date:yesterday", "date:yesterday"),
        ("date:2022-12..2022-11", "ends before it starts"),
        ("date:..", "needs at least one end"),
        ("is:starred", "is:bookmarked or is:unread"),
        ("has:tags", "has:note"),
        ("sort:title", "sort:relevance"),
        ("-sort:relevance", "cannot be negated"),
        ("(a sort:relevance)", "whole query"),
        ('""', "empty phrase"),
    ],
)
def test_bad_queries_raise_one_line(query: str, message: str) -> None:
    with pytest.raises(QueryError) as err:
        parse(query)
    text = str(err.value)
    assert message in text
    assert "\n" not in text


@pytest.mark.parametrize("value", ["海尔", "Li Ming", "青岛(国际)", "-x", 'say "hi"', "A OR B"])
def test_field_term_round_trips(value: str) -> None:
    term = field_term("person", value)
    assert parse(term).root == Field("person", value.replace('"', ""))


@pytest.mark.parametrize("value", ["2022-13", "2022-00", "2022-02-30", "2023-02-29", "2022-12-32"])
def test_a_date_off_the_calendar_is_an_error(value: str) -> None:
    with pytest.raises(QueryError, match="not a date on the calendar"):
        parse(f"date:{value}")
    with pytest.raises(QueryError):
        parse(f"date:2022-01..{value}")
    assert parse("date:2024-02-29").root is not None  # a leap day is one
