"""The live screen's saving state (``panel_minutes.models.live_saving``), driven without a screen."""

from __future__ import annotations

from panel_minutes.models.live_saving import Notice, SavingState


def test_the_first_change_starts_the_autosave_timer_and_typing_on_does_not_restart_it() -> None:
    saving = SavingState()
    assert saving.changed() is True
    assert saving.changed() is False  # unbroken typing: the timer already running is kept
    assert saving.dirty
    saving.unscheduled()  # the timer fired
    assert saving.may_save()
    saving.save_taken(started=True)
    assert not saving.dirty and saving.saving
    assert saving.changed() is True  # typing during the save asks for the next one


def test_a_save_asked_for_while_one_is_on_its_way_waits() -> None:
    saving = SavingState()
    saving.changed()
    saving.unscheduled()
    saving.save_taken(started=True)
    assert saving.may_save() is False
    assert saving.changed() is False  # the wait counts as the scheduled save
    assert saving.save_done() is None
    assert not saving.saving


def test_nothing_to_save_is_not_a_save_in_flight() -> None:
    saving = SavingState()
    saving.changed()
    saving.save_taken(started=False)
    assert not saving.saving and not saving.dirty
    assert not saving.must_flush(waiting=False)
    assert saving.must_flush(waiting=True)  # Enters still in the queue go into the draft


def test_a_failing_draft_is_told_once_retried_and_told_when_saved_again() -> None:
    saving = SavingState()
    saving.save_taken(started=True)
    first = saving.save_failed("The disk is full.")
    assert first == Notice("The disk is full. The draft is kept on screen; retrying.", "error", 10)
    assert saving.dirty and not saving.saving and saving.retrying
    assert saving.must_flush(waiting=False)
    assert saving.retry_draft()
    saving.save_taken(started=True)
    assert not saving.retry_draft()  # never two saves at once
    assert saving.save_failed("The disk is full.") is None  # told once
    assert saving.status("", False, False) == ("draft NOT SAVED · retrying", True)
    saving.save_taken(started=True)
    assert saving.save_done() == Notice("The draft is saved again.")
    assert not saving.retrying
    assert saving.status("", False, False) == ("", False)


def test_a_shared_or_conflicting_draft_stops_the_save_without_a_retry() -> None:
    saving = SavingState()
    saving.save_taken(started=True)
    saving.save_stopped()
    assert not saving.saving and not saving.retrying and not saving.dirty


def test_a_failing_filing_is_told_once_and_saved_when_the_queue_empties() -> None:
    saving = SavingState()
    told = saving.filing_failed("The database is locked.", 2.0)
    assert told is not None and told.severity == "error" and told.timeout == 12
    assert told.text == ("The database is locked. Not filed: each Enter waits, in order, and "
                         "saving is retried every 2 s.")
    assert saving.filing_failed("The database is locked.", 2.0) is None
    assert saving.retrying
    assert saving.filed(queue_empty=False) is None  # more Enters still wait
    assert saving.retrying
    assert saving.filed(queue_empty=True) == Notice(
        "Saved. Everything you typed is in the minutes.", timeout=4)
    saving.queue_emptied()
    assert not saving.retrying
    assert saving.filed(queue_empty=True) is None  # a filing that never failed says nothing


def test_the_retry_runs_while_either_is_failing() -> None:
    saving = SavingState()
    saving.filing_failed("Locked.", 2.0)
    saving.save_failed("Locked.")
    saving.queue_emptied()
    assert saving.retrying  # the draft still fails
    saving.save_done()
    assert not saving.retrying


def test_the_status_line_names_every_problem() -> None:
    saving = SavingState()
    assert saving.status("2 waiting", False, False) == ("2 waiting", False)
    assert saving.status("NOT SAVED · 2 waiting · retrying", True, False)[1] is True
    saving.save_failed("Full.")
    assert saving.status("1 waiting", False, True) == (
        "1 waiting · draft NOT SAVED · retrying · draft not saved: open in another window", True)


def test_a_quit_flush_clears_only_what_was_unsaved() -> None:
    saving = SavingState()
    saving.changed()
    saving.unscheduled()
    saving.save_taken(started=True)
    saving.changed()
    saving.flushed()
    assert not saving.dirty and saving.saving  # the save on its way is still on its way
