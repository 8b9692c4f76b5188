"""House style: the opening of a resolution and the wording of its vote (issue 14, Resolutions)."""

from __future__ import annotations

import pytest

from panel_minutes.models.domain import EntryKind, Outcome
from panel_minutes.models.export.votes import counts_words, fill_parts
from panel_minutes.models.house_style import DEFAULT, ResolutionOpening
from panel_minutes.models.store import Store
from tests.style_meeting import style_meeting


@pytest.mark.parametrize(
    ("opening", "typed", "shown"),
    [
        (ResolutionOpening.RESOLVED_THAT, "that the report be noted.",
         "**RESOLVED** that the report be noted."),
        (ResolutionOpening.RESOLVED_THAT, "the report be noted.",
         "**RESOLVED:** the report be noted."),
        (ResolutionOpening.RESOLVED_COLON, "that the report be noted.",
         "**RESOLVED:** That the report be noted."),
        (ResolutionOpening.RESOLVED_COLON, "RESOLVED that the report be noted.",
         "**RESOLVED:** That the report be noted."),
        (ResolutionOpening.AGREED, "that the report be noted.",
         "**AGREED** that the report be noted."),
        (ResolutionOpening.AGREED, "the report be noted.", "**AGREED:** the report be noted."),
    ],
)
def test_the_resolution_opens_in_the_house_style(
    store: Store, opening: ResolutionOpening, typed: str, shown: str
) -> None:
    m = style_meeting(store, resolution_opening=opening)
    store.add_entry(m.item_id, EntryKind.RESOLUTION, typed)
    assert shown in m.lines()


def test_the_resolution_label_is_plain_when_the_style_says(store: Store) -> None:
    m = style_meeting(store, resolution_bold=False)
    store.add_entry(m.item_id, EntryKind.RESOLUTION, "that the report be noted.")
    assert "RESOLVED that the report be noted." in m.lines()


def test_the_parish_vote_names_full_and_says_all_were_in_favour(store: Store) -> None:
    m = style_meeting(store, "parish")
    store.add_entry(
        m.item_id, EntryKind.RESOLUTION, "that the payments be approved.",
        proposer="Cllr Adeyemi", seconder="Cllr Hughes", vote_for=5, vote_against=0,
        vote_abstain=0, outcome=Outcome.CARRIED,
    )
    assert (
        "RESOLVED: That the payments be approved. (Cllr Ben Adeyemi proposed, Cllr Jane Hughes "
        "seconded, all were in favour)"
    ) in m.markdown()


def test_the_parish_vote_gives_the_short_tally(store: Store) -> None:
    m = style_meeting(store, "parish")
    store.add_entry(
        m.item_id, EntryKind.RESOLUTION, "that the Clerk ask for a traffic survey.",
        proposer="Cllr Pike", seconder="Cllr Tate", vote_for=4, vote_abstain=1,
        outcome=Outcome.CARRIED,
    )
    assert (
        "(Cllr Lara Pike proposed, Cllr Owen Tate seconded, 4 in favour, 1 abstention)"
    ) in m.markdown()


@pytest.mark.parametrize(
    ("counts", "outcome", "words"),
    [
        ((5, 0, 0), Outcome.CARRIED, "all were in favour"),
        ((5, None, None), Outcome.NONE, "all were in favour"),
        ((None, None, None), Outcome.UNANIMOUS, "all were in favour"),
        ((4, 0, 1), Outcome.CARRIED, "4 in favour, 1 abstention"),
        ((3, 1, None), Outcome.CARRIED, "3 in favour, 1 against"),
        ((2, 2, 2), Outcome.LOST, "2 in favour, 2 against, 2 abstentions"),
        ((None, None, None), Outcome.CARRIED, ""),
    ],
)
def test_the_short_tally(
    counts: tuple[int | None, int | None, int | None], outcome: Outcome, words: str
) -> None:
    from panel_minutes.models.house_style import preset

    assert counts_words(*counts, outcome, preset("parish").style) == words


def test_the_default_template_drops_empty_parts_keeping_the_strongest_separator() -> None:
    values = {"proposer": "Cllr A", "seconder": "Cllr B", "for": "", "against": "",
              "abstain": "", "outcome": "carried", "note": "", "counts": ""}
    assert fill_parts(DEFAULT.vote_template, values) == "(Proposed by Cllr A, seconded by Cllr B; carried)"
    values |= {"proposer": "", "for": "8", "against": "0"}
    assert fill_parts(DEFAULT.vote_template, values) == "(Seconded by Cllr B; for 8, against 0: carried)"
    assert fill_parts(DEFAULT.vote_template, dict.fromkeys(values, "")) == ""


def test_a_template_of_the_councils_own_words(store: Store) -> None:
    m = style_meeting(
        store, vote_template="(Moved {proposer}; seconded {seconder}. Votes: {counts})",
        vote_italic=False,
    )
    store.add_entry(
        m.item_id, EntryKind.RESOLUTION, "that the report be noted.", proposer="Cllr Pike",
        seconder="Cllr Tate", vote_for=3, vote_against=1, outcome=Outcome.CARRIED,
    )
    assert "(Moved Cllr Pike; seconded Cllr Tate. Votes: 3 in favour, 1 against)" in m.markdown()


def test_the_vote_is_plain_when_the_style_says(store: Store) -> None:
    m = style_meeting(store, vote_italic=False)
    store.add_entry(m.item_id, EntryKind.RESOLUTION, "that the report be noted.",
                    outcome=Outcome.CARRIED)
    assert "**RESOLVED** that the report be noted. (Carried)" in m.lines()


def test_a_note_on_the_vote_follows_the_counts(store: Store) -> None:
    m = style_meeting(store)
    store.add_entry(
        m.item_id, EntryKind.RESOLUTION, "that the report be noted.", proposer="Cllr Pike",
        vote_for=4, vote_against=0, vote_abstain=1, outcome=Outcome.CARRIED,
        vote_note="Cllr Morgan abstained as a neighbour of the site",
    )
    assert (
        "*(Proposed by Cllr Pike; for 4, against 0, abstentions 1: carried; Cllr Morgan "
        "abstained as a neighbour of the site)*"
    ) in m.markdown()


def test_the_composer_files_and_edits_the_vote_note(store: Store) -> None:
    from panel_minutes.models.composer_modes import Mode
    from panel_minutes.models.composer_state import ComposerState, entry_args, state_from_entry

    m = style_meeting(store, "parish")
    state = ComposerState(Mode.RESOLUTION, "that the payments be approved.",
                          {"vote": "4-0-1", "vote_note": "Cllr Tate abstained"})
    entry = store.add_entry(m.item_id, **entry_args(state, list(m.people.values())))
    assert entry.vote_note == "Cllr Tate abstained"
    assert state_from_entry(entry, []).get("vote_note") == "Cllr Tate abstained"
    assert "(4 in favour, 1 abstention; Cllr Tate abstained)" in m.markdown()


def test_values_are_never_read_as_templates() -> None:
    values = dict.fromkeys(("for", "against", "abstain", "outcome", "note", "counts"), "")
    values |= {"proposer": "Cllr {seconder}", "seconder": "{0}"}
    assert fill_parts(DEFAULT.vote_template, values) == "(Proposed by Cllr {seconder}, seconded by {0})"
