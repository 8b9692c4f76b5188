"""The live screen's keys for the business between meetings: the action log (F10), approving
the previous minutes (^R on that item), amendments to approved minutes (^R), an entry's history
(h), and hiding Part 2 text on screen (^S). A mixin of ``panel_minutes.screens.live.LiveScreen``; the rules
are the store's (``approve_minutes``, ``record_amendment``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from panel_minutes.models.domain import ItemKind
from panel_minutes.models.errors import PanelMinutesError
from panel_minutes.models.parsing import long_date
from panel_minutes.tui.typed_app import panel_app

if TYPE_CHECKING:
    from panel_minutes.models.store import Store
    from panel_minutes.screens.live import LiveScreen


class BetweenMeetingsKeys:
    """Mixed into ``LiveScreen`` (first, so its ``action_*`` methods are found)."""

    def _screen(self) -> LiveScreen:
        return cast("LiveScreen", self)

    def action_hide_exempt(self, hide: bool) -> None:
        live = self._screen()
        panel_app(live).hide_exempt = hide
        live._show_title()
        live._refresh()
        live.notify("Part 2 hidden on screen: exempt items show their public title only. ^S "
                    "shows them again." if hide else "Part 2 items shown on screen.", timeout=4)

    def _between_hints(self) -> None:
        """Say which key applies on the items where one does (and update the footer)."""
        live = self._screen()
        item = live.current_item
        hint = ""
        if item is not None and live.doc is not None:
            if item.kind == ItemKind.ACTION_LOG:
                carried = len(live.doc.earlier_actions)
                hint = (f"F10: {carried} action{'s' if carried != 1 else ''} carried from "
                        "earlier meetings" if carried else "F10: the action log")
            elif item.kind == ItemKind.PREVIOUS_MINUTES and not live.read_only:
                hint = "^R: approve the previous minutes"
            elif not live.entries.get(item.id) and not live._item_actions(item.id):
                hint = "nothing minuted yet: type below, Enter files"
        if live.read_only:
            hint = "Approved: read-only · ^R records an amendment"
        if item is not None and item.id not in live.entries:
            hint = "reading the entries…"  # the first moments after opening (see _load)
        if item is not None and item.exempt and live.hide_exempt:
            hint = "Part 2 hidden on screen · ^S shows it"
        live.entry_list.border_subtitle = hint
        live.refresh_bindings()

    def action_action_log(self) -> None:
        live = self._screen()
        if live.doc is None:
            return
        from panel_minutes.screens.action_log import ActionLogScreen

        live.app.push_screen(
            ActionLogScreen(live.doc.panel.id, meeting_id=live.meeting_id, carried=True)
        )

    def action_approve_previous(self) -> None:
        live = self._screen()
        item = live.current_item
        if item is None or live.doc is None or live.read_only:
            return
        live.run_worker(live._approve_previous(item.id), group="live-approve")

    async def _approve_previous(self, item_id: int) -> None:
        live = self._screen()
        from panel_minutes.screens.prompt import PromptScreen

        meeting_id = live.meeting_id
        try:
            previous = await live._runner.run(lambda s: s.previous_meeting(meeting_id))
        except PanelMinutesError as err:
            live.notify(str(err), severity="error", timeout=10)
            return
        if previous is None:
            live.notify("This is the panel's first meeting in panel-minutes: there are no earlier "
                        "minutes to approve.", severity="warning", timeout=6)
            return
        when = long_date(previous.held_on)
        if previous.is_approved:
            live.notify(f"The minutes of the meeting held on {when} are approved already.",
                        timeout=6)
            return
        approved: list[int] = []

        def save(store: Store, amendments: str) -> None:
            result = store.approve_minutes(previous.id, at_meeting_id=meeting_id,
                                           amendments=amendments, item_id=item_id)
            if result.entry is not None:
                approved.append(result.entry.id)

        def saved(value: str | None) -> None:
            if value is None:
                return
            select = f"e{approved[0]}" if approved else None
            live._change(lambda s: None, None, items={item_id}, select=select)
            live.notify(f"The minutes of {when} are approved and now read-only. A mistake? Undo "
                        "the approval from the meetings screen (u).", timeout=6)

        live.app.push_screen(
            PromptScreen(
                f"Approve the minutes of the meeting held on {when}",
                hint="Agreed as a correct record. Type any amendments the meeting agreed, or "
                     "leave this empty and press Enter.",
                placeholder="e.g. minute 5.2: the vote was 7 for, 1 against",
                save=save,
            ),
            saved,
        )

    def action_amend(self) -> None:
        live = self._screen()
        from panel_minutes.screens.prompt import PromptScreen

        if not live.read_only:
            return
        typed = " ".join(live.composer.state().text.split())
        meeting_id = live.meeting_id

        def saved(value: str | None) -> None:
            if value is None:
                return
            if typed and " ".join(live.composer.state().text.split()) == typed:
                live.composer.clear()  # it is in the amendment now
            live.notify("Amendment recorded (dated today); it is listed with these minutes.",
                        timeout=5)

        live.app.push_screen(
            PromptScreen(
                "Record an amendment to these approved minutes",
                typed,
                hint="The minutes themselves stay as approved; the correction is listed with "
                     "them, dated.",
                placeholder="e.g. Minute 4.3: Cllr Raman, not Cllr Lloyd, asked the question.",
                validator=lambda text: None if text.strip() else "Type the correction.",
                save=lambda store, text: store.record_amendment(meeting_id, text),
            ),
            saved,
        )

    def action_revisions(self) -> None:
        live = self._screen()
        from panel_minutes.screens.revisions import RevisionsScreen

        key = live._selected()
        if key is None:
            return
        if key[0] != "entry":
            live.notify("Only entries keep a history of their text; an action's progress is in "
                        "the action log (F10).", timeout=4)
            return
        entry = live._find_entry(key[1])
        if entry is not None:
            live.app.push_screen(RevisionsScreen(entry.id, live._entry_label(entry)))
