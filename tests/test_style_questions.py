"""House style: the wording of questions from the style's templates (issue 14, Questions)."""

from __future__ import annotations

from panel_minutes.models.domain import EntryKind
from panel_minutes.models.store import Store
from tests.style_meeting import style_meeting


def test_pcp_question_in_response_to_with_the_respondent_lower_case_mid_sentence(
    store: Store,
) -> None:
    m = style_meeting(store, "pcp")
    store.add_entry(
        m.item_id, EntryKind.QUESTION, "What would the increase pay for?",
        asker_id=m.people["pike"].id, respondent_id=m.people["pcc"].id,
        answer="that the increase would fund 40 additional neighbourhood officers.",
    )
    assert (
        "In response to a question from Councillor Pike, the Commissioner said that the "
        "increase would fund 40 additional neighbourhood officers."
    ) in m.markdown()


def test_a_question_with_no_named_asker_uses_the_anonymous_template(store: Store) -> None:
    m = style_meeting(store, "pcp")
    store.add_entry(
        m.item_id, EntryKind.QUESTION, "how the proposal compared with neighbouring forces",
        respondent_text="the Chief Executive", answer="it was in the middle of the range",
    )
    assert (
        "A member asked how the proposal compared with neighbouring forces. The Chief "
        "Executive said that it was in the middle of the range."
    ) in m.markdown()


def test_the_default_template_keeps_todays_rules(store: Store) -> None:
    m = style_meeting(store)
    item = m.item_id
    pike, pcc = m.people["pike"].id, m.people["pcc"].id
    store.add_entry(item, EntryKind.QUESTION, "What would it cost?", asker_id=pike,
                    respondent_id=pcc, answer="That it would cost £2m.")
    store.add_entry(item, EntryKind.QUESTION, "when the report would come", asker_id=pike,
                    respondent_id=pcc, answer="The report would come in March.")
    store.add_entry(item, EntryKind.QUESTION, "", asker_text="a resident",
                    respondent_text="the Clerk", answer="it was in hand")
    store.add_entry(item, EntryKind.QUESTION, "about the budget", answer="it was set")
    lines = m.markdown()
    assert ("1. Cllr Pike asked: What would it cost? The Commissioner replied that it would "
            "cost £2m.") in lines
    assert ("2. Cllr Pike asked when the report would come. The Commissioner replied: The "
            "report would come in March.") in lines
    assert "3. A resident asked a question. The Clerk replied that it was in hand." in lines
    assert "4. A member asked about the budget. In reply, the Panel was told: It was set." \
        not in lines  # an answer is used as typed
    assert "4. A member asked about the budget. In reply, the Panel was told: it was set." in lines


def test_an_unanswered_question_in_a_one_sentence_style_is_worded_plainly(store: Store) -> None:
    m = style_meeting(store, "pcp")
    store.add_entry(m.item_id, EntryKind.QUESTION, "how many officers were trained",
                    asker_id=m.people["pike"].id, respondent_id=m.people["pcc"].id)
    assert "Councillor Pike asked how many officers were trained." in m.markdown()


def test_a_template_of_the_councils_own_words(store: Store) -> None:
    m = style_meeting(store, question_template="Q ({asker}): {question} A ({respondent}): {answer}")
    store.add_entry(m.item_id, EntryKind.QUESTION, "When?", asker_id=m.people["tate"].id,
                    respondent_text="the Clerk", answer="Soon.")
    assert "1. Q (Cllr Tate): When? A (the Clerk): Soon." in m.markdown()


def test_the_composer_files_a_question_with_no_named_asker(store: Store) -> None:
    from panel_minutes.models.composer_modes import Mode
    from panel_minutes.models.composer_state import ComposerState, entry_args

    m = style_meeting(store, "pcp")
    people = list(m.people.values())
    state = ComposerState(Mode.QUESTION, "how the proposal compared with neighbouring forces",
                          {"respondent": "\"the Chief Executive\"",
                           "answer": "it was in the middle of the range"})
    args = entry_args(state, people)
    assert args["asker_id"] is None and args["asker_text"] == ""
    store.add_entry(m.item_id, **args)
    assert "A member asked how the proposal compared" in m.markdown()
