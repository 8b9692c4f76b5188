"""The live screen's draft keeping: what is in the composer is saved as the meeting's draft
half a second after the last keystroke, on the store thread; a draft another window holds is
asked about (take it over?); on quit or leaving it is saved at once, and what cannot be saved
goes to a rescue file whose name is printed. A mixin of ``panel_minutes.screens.live.LiveScreen``; the rules
are ``panel_minutes.models.live_saving`` (when to save, what to say) and ``panel_minutes.tui.filing_calls.draft_call``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from panel_minutes.models.composer_state import rescue_text
from panel_minutes.models.errors import PanelMinutesError
from panel_minutes.models.live_saving import SAVE_BUSY_WAIT
from panel_minutes.models.store.entries import DraftSharedNotice
from panel_minutes.tui.filing_calls import draft_call
from panel_minutes.tui.rescue import rescue_file_for, write_rescue

if TYPE_CHECKING:
    from panel_minutes.models.store import Store
    from panel_minutes.screens.live import LiveScreen


class DraftKeeping:
    """Mixed into ``LiveScreen``: the draft's autosave, take-over and rescue."""

    def _screen(self) -> LiveScreen:
        return cast("LiveScreen", self)

    def _draft_call(self) -> Callable[[Store], datetime | None] | None:
        live = self._screen()
        return draft_call(live.composer.state(), live._draft_version, meeting_id=live.meeting_id,
                          item_id=live.current_id, queued=live._queue.items())

    def _stop_draft_timer(self) -> None:
        live = self._screen()
        if live._draft_timer is not None:
            live._draft_timer.stop()
            live._draft_timer = None
        live._saving.unscheduled()

    def _save_draft_soon(self) -> None:
        """Write the composer's draft on the store thread (the debounce timer calls this)."""
        live = self._screen()
        live._draft_timer = None
        live._saving.unscheduled()
        if not live._saving.may_save():
            live._draft_timer = live.set_timer(SAVE_BUSY_WAIT, live._save_draft_soon)
            return
        call = live._draft_call()
        live._saving.save_taken(started=call is not None)
        if call is None:
            if live._draft_version.blocked:  # another window holds the draft: keep it on disk
                try:
                    live._keep_rescued()
                except OSError as err:
                    live.notify(f"The rescue file could not be written: {err}", severity="error")
            return
        live.run_worker(live._save_draft(call), group="live-draft")

    async def _save_draft(self, call: Callable[[Store], datetime | None]) -> None:
        live = self._screen()
        from panel_minutes.models.errors import ConflictError

        try:
            await live._runner.run(call)
        except DraftSharedNotice as notice:
            live._saving.save_stopped()
            live.notify(str(notice), severity="warning", timeout=12)
            return
        except ConflictError as err:
            live._saving.save_stopped()
            live._draft_conflict(str(err))
            return
        except PanelMinutesError as err:
            live._tell(live._saving.save_failed(str(err)))
            live._show_queue()
            live._sync_retry()
            return
        live._tell(live._saving.save_done())
        live._sync_retry()
        live._show_queue()

    def _draft_conflict(self, message: str) -> None:
        live = self._screen()
        from panel_minutes.screens.confirm import ConfirmScreen

        live._draft_version.blocked = True
        live._show_queue()

        def answered(take_over: bool | None) -> None:
            if take_over:
                live._draft_version.take_over()
                live._save_draft_soon()
                live._show_queue()
            else:
                live.notify(
                    "What you type here is not saved as the draft: it is kept in a rescue file, "
                    "whose name is shown when you quit. Take over to save it here instead.",
                    severity="warning", timeout=12,
                )

        live.app.push_screen(
            ConfirmScreen(
                f"{message}\n\nTake the meeting over in this window? Its draft replaces the other "
                "window's (entries already filed are not affected).",
                title="Meeting open elsewhere", yes_label="Take over", no_label="Not now",
            ),
            answered,
        )

    def flush_draft_now(self) -> None:
        """Save the pending draft synchronously (on quit / leaving); never raises. Text that
        cannot be saved as the draft (the database fails, or another window owns the draft)
        goes to a rescue file, whose name is printed."""
        live = self._screen()
        live._stop_draft_timer()
        if not live.loaded.is_set():
            return
        if live._draft_version.blocked:
            live._rescue("the meeting is open in another window, which holds the draft")
            return
        if not live._saving.must_flush(bool(live._queue)):
            return
        call = live._draft_call()
        if call is None:
            return
        try:
            # Behind every write already queued on the store thread, so they keep their order.
            live._runner.run_now(call)
            live._saving.flushed()
        except DraftSharedNotice:
            live._saving.flushed()
        except Exception as exc:  # the database is gone: keep the text in a rescue file
            live._rescue(str(exc))

    def _keep_rescued(self) -> Path | None:
        """Write what cannot be saved as the draft to this window's rescue file (the same file
        each time); None when there is nothing to keep."""
        live = self._screen()
        body = rescue_text(live.composer.state(), live._queue.items())
        live.rescued = rescue_file_for(live.rescued, body, live.meeting_id, live.now())
        return None if live.rescued is None else write_rescue(live.rescued, body)

    def _rescue(self, why: str) -> None:
        live = self._screen()
        try:
            path = live._keep_rescued()
        except OSError:
            body = rescue_text(live.composer.state(), live._queue.items())
            print(f"panel-minutes: the draft could not be saved ({why}). It was:\n{body}")
            return
        if path is not None:
            print(f"panel-minutes: the draft could not be saved ({why}); it was written to {path}")
