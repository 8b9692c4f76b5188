"""``panel_minutes.models.export.templates.fill``: placeholders filled, empty parts dropped with their words."""

from __future__ import annotations

import pytest

from panel_minutes.models.export.templates import fill, placeholders

HEADING = "Minutes of the {kind} Meeting of the {panel} held on {date} at {time} in {venue}"
VOTE = (
    "(Proposed by {proposer}, seconded by {seconder}; "
    "for {for}, against {against}, abstentions {abstain}: {outcome})"
)


def heading(**values: str) -> str:
    base = {"kind": "Ordinary", "panel": "Parish Council", "date": "3 June", "time": "7.00 pm",
            "venue": "the Hall"}
    return fill(HEADING, **{**base, **values})


def test_every_placeholder_filled() -> None:
    assert heading() == (
        "Minutes of the Ordinary Meeting of the Parish Council held on 3 June at 7.00 pm in the Hall"
    )


@pytest.mark.parametrize(
    ("empty", "expected"),
    [
        ("kind", "Minutes of the Meeting of the Parish Council held on 3 June at 7.00 pm in the Hall"),
        ("time", "Minutes of the Ordinary Meeting of the Parish Council held on 3 June in the Hall"),
        ("venue", "Minutes of the Ordinary Meeting of the Parish Council held on 3 June at 7.00 pm"),
    ],
)
def test_an_empty_placeholder_goes_with_its_lead_in(empty: str, expected: str) -> None:
    assert heading(**{empty: "  "}) == expected


def test_two_empty_lead_ins_in_a_row() -> None:
    assert heading(time="", venue="") == (
        "Minutes of the Ordinary Meeting of the Parish Council held on 3 June"
    )


def test_a_clause_goes_with_the_separator_before_it() -> None:
    template = "Minutes of the meeting held on {date} at {time}, {venue}"
    assert fill(template, date="D", time="T", venue="") == "Minutes of the meeting held on D at T"
    assert fill(template, date="D", time="", venue="V") == "Minutes of the meeting held on D, V"


def test_a_first_clause_goes_with_the_separator_after_it() -> None:
    template = "In response to a question from {asker}, {respondent} said that {answer}"
    assert fill(template, asker="", respondent="The Commissioner", answer="yes") == (
        "The Commissioner said that yes"
    )


def test_clauses_inside_a_bracketed_group() -> None:
    values = {"proposer": "Cllr A", "seconder": "", "for": "6", "against": "0", "abstain": "",
              "outcome": "carried"}
    assert fill(VOTE, **values) == "(Proposed by Cllr A; for 6, against 0: carried)"


def test_a_group_whose_placeholders_are_all_empty_goes_with_the_blanks_before_it() -> None:
    values = dict.fromkeys(("proposer", "seconder", "for", "against", "abstain", "outcome"), "")
    assert fill("RESOLVED that X. " + VOTE, **values) == "RESOLVED that X."
    assert fill("a ({x}) b", x="") == "a b"


def test_a_full_stop_that_ends_the_template_stays() -> None:
    template = "ACTION: {owner} to {text}, by {due}."
    assert fill(template, owner="the Clerk", text="write", due="") == "ACTION: the Clerk to write."
    assert fill(template, owner="the Clerk", text="write", due="July") == (
        "ACTION: the Clerk to write, by July."
    )


def test_a_sentence_is_a_clause() -> None:
    template = "This item was considered in private under {basis}. {summary}"
    assert fill(template, basis="B", summary="") == "This item was considered in private under B."
    assert fill(template, basis="B", summary="Noted.") == (
        "This item was considered in private under B. Noted."
    )


def test_text_without_placeholders_is_kept_and_values_are_not_templates() -> None:
    sig = "Signed ............................ ({chair})   Date .................."
    assert fill(sig, chair="Chair") == sig.replace("{chair}", "Chair")
    assert fill("{a} and {b}", a="{b}", b="x") == "{b} and x"


def test_an_unknown_placeholder_is_one_clear_error() -> None:
    with pytest.raises(ValueError, match=r"unknown placeholder \{tme\}"):
        fill("at {tme}", time="7")
    assert placeholders(HEADING) == ["kind", "panel", "date", "time", "venue"]
