"""Name fields (asked by, answered by, proposer, seconder, owner) hold someone at the meeting or
text the clerk keeps as written (in quotes); letters that name no one are never filed
(issue 11, point 10). The rule is ``panel_minutes.models.names``; the composer shows it before filing."""

from __future__ import annotations

from pathlib import Path

import pytest

from panel_minutes.models.composer_state import (
    ComposerState,
    Mode,
    action_args,
    entry_args,
    state_from_entry,
)
from panel_minutes.models.domain import EntryData, EntryKind, PersonData
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.names import (
    NameKind,
    candidates,
    match_person,
    name_field_value,
    read_name_field,
)
from panel_minutes.models.store import Store
from panel_minutes.tui.app import PanelMinutesApp
from tests.support import notices
from tests.test_live_support import (
    open_live,
    settle,
    type_into_composer,
    write_meeting,
    write_panel,
)

PEOPLE = [
    PersonData(1, "Helen Marsh", title="Cllr", role="Kellbridge City Council"),
    PersonData(2, "Claire Whitfield", title="Ms", role="Police and Crime Commissioner"),
    PersonData(3, "Priya Raman", title="Cllr"),
    PersonData(4, "Paul Raman", title="Mr"),
    PersonData(5, "Dan Cole", title="Mr", role="Chief Constable"),
]


def test_letters_that_match_no_one_are_refused_with_one_line_saying_what_to_do() -> None:
    with pytest.raises(ValidationError) as err:
        name_field_value("Answered by", "sco", PEOPLE)
    message = str(err.value)
    assert message.startswith('Answered by: "sco" is no one at this meeting')
    assert "Tab" in message and "quotes" in message and "\n" not in message
    with pytest.raises(ValidationError) as err:
        name_field_value("Asked by", "raman", PEOPLE)
    assert "could be Cllr Priya Raman or Mr Paul Raman" in str(err.value)


def test_a_name_field_holds_a_person_text_in_quotes_or_nothing() -> None:
    assert name_field_value("Owner", "marsh", PEOPLE) == (1, "")
    assert name_field_value("Owner", '"Democratic Services"', PEOPLE) == (None, "Democratic Services")
    assert name_field_value("Owner", "\u201cDemocratic  Services\u201d", PEOPLE) == (
        None, "Democratic Services")
    assert name_field_value("Owner", "  ", PEOPLE) == (None, "")
    assert read_name_field("sco", PEOPLE).kind is NameKind.NOBODY
    assert read_name_field('"sco"', PEOPLE).kind is NameKind.FREE
    assert read_name_field("Ms Whitfield", PEOPLE).kind is NameKind.PERSON


def test_completion_finds_people_by_their_role_words() -> None:
    assert candidates("comm", PEOPLE) == [PEOPLE[1]]
    assert candidates("chief", PEOPLE) == [PEOPLE[4]]
    assert match_person("comm", PEOPLE) == PEOPLE[1]
    assert candidates("and", PEOPLE) == []  # "Police and Crime ...": no one is "and"
    assert candidates("comm", PEOPLE, roles=False) == []  # running text completes names only
    assert candidates("Cllr comm", PEOPLE) == []  # a title asks for a name


def test_the_composer_refuses_no_one_for_every_name_field() -> None:
    cases = [
        (ComposerState(Mode.QUESTION, "why", {"asker": "sco"}), "Asked by"),
        (ComposerState(Mode.QUESTION, "why", {"respondent": "sco"}), "Answered by"),
        (ComposerState(Mode.RESOLUTION, "that x", {"proposer": "sco"}), "Proposer"),
        (ComposerState(Mode.RESOLUTION, "that x", {"seconder": "sco"}), "Seconder"),
    ]
    for state, label in cases:
        with pytest.raises(ValidationError, match=f"^{label}: "):
            entry_args(state, PEOPLE)
    with pytest.raises(ValidationError, match=r"^Owner: "):
        action_args(ComposerState(Mode.ACTION, "Write", {"owner": "sco"}), PEOPLE)
    owner = action_args(ComposerState(Mode.ACTION, "Write", {"owner": '"Democratic Services"'}),
                        PEOPLE)
    assert (owner["owner_id"], owner["owner_text"]) == (None, "Democratic Services")
    seconded = entry_args(
        ComposerState(Mode.RESOLUTION, "that x", {"proposer": "comm", "seconder": '"the Chair"'}),
        PEOPLE,
    )
    assert (seconded["proposer"], seconded["seconder"]) == ("Ms Whitfield", "the Chair")


def test_editing_shows_free_text_in_quotes_so_it_files_again_unchanged() -> None:
    question = ComposerState(Mode.QUESTION, "why", {"asker": '"A resident"', "respondent": "comm",
                                                    "answer": "because"})
    args = entry_args(question, PEOPLE)
    entry = EntryData(1, 1, 0, EntryKind.QUESTION, "why", answer="because",
                      asker_id=args.get("asker_id"), asker_text=args.get("asker_text", ""),
                      respondent_id=args.get("respondent_id"),
                      respondent_text=args.get("respondent_text", ""))
    back = state_from_entry(entry, PEOPLE)
    assert back.fields["asker"] == '"A resident"'
    assert back.fields["respondent"] == "Ms Whitfield"
    assert entry_args(back, PEOPLE)["asker_text"] == "A resident"


async def test_a_name_that_is_no_one_is_shown_and_refused_before_filing(db_path: Path) -> None:
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast, exempt_item=False)
    store.close()
    app = PanelMinutesApp(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id)
        await pilot.press("f2", "tab", *"sco", "tab", *"comm", "tab")  # text, asker, respondent
        composer = live.composer
        asker, respondent = composer.field("asker"), composer.field("respondent")
        assert respondent.value == "Mr Hale"  # found by his role, Police and Crime Commissioner
        assert asker.has_class("-nobody") and respondent.has_class("-person")
        type_into_composer(live, "whether the figures were published")
        await pilot.press("enter")
        await settle(pilot, live)
        messages = notices(app)
        assert any(m.startswith('Asked by: "sco" is no one at this meeting') for m in messages)
        assert live.current_id is not None
        assert app.store.list_entries(live.current_id) == []  # nothing filed ...
        assert (asker.value, respondent.value) == ("sco", "Mr Hale")  # ... and nothing lost
        assert composer.text_area.text == "whether the figures were published"

        asker.value = '"A resident"'  # kept as written, visibly
        await pilot.pause()
        assert asker.has_class("-free") and not asker.has_class("-nobody")
        await pilot.press("enter")
        await settle(pilot, live)
        assert live.current_id is not None
        [entry] = app.store.list_entries(live.current_id)
    assert (entry.asker_id, entry.asker_text) == (None, "A resident")
    assert entry.respondent_id == cast.people["pcc"]


async def test_a_name_field_shows_the_start_of_the_name_once_the_cursor_leaves_it(
    db_path: Path,
) -> None:
    """At 80x24 a name wider than its field scrolled while typed; once Tab moves on, the field
    shows the start of the name ("Cllr Bren..."), not its end ("llr Brennan")."""
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast, exempt_item=False)
    store.close()
    app = PanelMinutesApp(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        live = await open_live(app, pilot, meeting_id)
        await pilot.press("f3", "tab", *"bren", "tab")  # text, proposer: completed to the name
        proposer = live.composer.field("proposer")
        assert proposer.value == "Cllr Brennan"
        assert proposer.has_focus
        assert proposer.scroll_offset.x > 0  # typing at the end scrolled it
        await pilot.press("tab")
        await pilot.pause()
        assert not proposer.has_focus
        assert proposer.scroll_offset.x == 0
        await pilot.press("shift+tab")  # back in: the cursor (at the end) is in view again
        await pilot.pause()
        assert proposer.has_focus and proposer.scroll_offset.x > 0
