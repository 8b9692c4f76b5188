"""The live screen's keys (``panel_minutes.screens.live.LiveScreen.BINDINGS``): F2-F5 the composer's modes,
F6/F7 items, F8 an item's times, F9 undo, F10-F12 and ^R the business between meetings, ^S Part 2
on screen. The README's key tables are checked against these (tests/test_readme_keys.py)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

LIVE_BINDINGS: list[BindingType] = [
    Binding("f2", "mode('question')", "Question", key_display="F2",
            tooltip="Turn the composer into a question and answer (Esc: back to text)"),
    Binding("f3", "mode('resolution')", "Resolution", key_display="F3",
            tooltip="Turn the composer into a resolution with an optional vote"),
    Binding("f4", "mode('action')", "Action", key_display="F4",
            tooltip="Turn the composer into an action with owner and due date"),
    Binding("alt+v", "recorded_vote", "Named vote", key_display="M-v", priority=True,
            tooltip="On a resolution: a recorded (named) vote, each member present marked "
                    "for, against or abstaining with one key"),
    Binding("f5", "mode('procedure')", "Note", key_display="F5",
            tooltip="A procedural note stamped with the time (arrivals, departures)"),
    # priority: the composer's TextArea has its own F6 / F7 (select line / all)
    Binding("f6", "prev_item", "◀ Item", key_display="F6", priority=True,
            tooltip="Go back to the previous agenda item"),
    Binding("f7", "next_item", "Item ▶", key_display="F7", priority=True,
            tooltip="Finish this item and take the next one"),
    Binding("f8", "start_finish", "Start/end", key_display="F8",
            tooltip="Stamp the current item as started (or finished) now"),
    Binding("f9", "undo", "Undo", key_display="F9",
            tooltip="Undo the last change to the minutes"),
    Binding("ctrl+g", "focus_agenda", "Go to item", key_display="^G",
            tooltip="Pick an item from the agenda (type its number, Enter takes it)"),
    Binding("ctrl+l", "focus_entries", "Entries", key_display="^L",
            tooltip="Select a filed entry to edit, move, re-kind or delete"),
    Binding("ctrl+t", "focus_composer", "Type", key_display="^T", show=False,
            tooltip="Back to the composer"),
    Binding("escape", "focus_composer", "Back to typing", key_display="Esc", show=False),
    Binding("ctrl+b", "toggle_agenda", "Agenda pane", key_display="^B",
            tooltip="Hide or show the agenda pane"),
    Binding("f11", "close_meeting", "Close meeting", key_display="F11",
            tooltip="End the meeting now: finishes the running item and stamps the end time "
                    "(asks first)"),
    # One ^S at a time (check_action): hide when shown, show when hidden.
    Binding("ctrl+s", "hide_exempt(True)", "Hide Part 2", key_display="^S", show=False,
            tooltip="Hide Part 2 (exempt) text on screen, for a projector: exempt items "
                    "show their public title and no minutes"),
    Binding("ctrl+s", "hide_exempt(False)", "Show Part 2", key_display="^S", show=False,
            tooltip="Show Part 2 (exempt) items' titles and minutes on screen again"),
    Binding("f12", "export", "Export", key_display="F12",
            tooltip="Preview and export the minutes"),
    Binding("ctrl+o", "leave", "Meetings", key_display="^O",
            tooltip="Back to the list of meetings (nothing is lost)"),
    # Between meetings (screens/action_log.py, screens/revisions.py): only one ^R is active
    # at a time (check_action): approving on the previous-minutes item, amending when the
    # meeting's own minutes are approved.
    Binding("f10", "action_log", "Actions", key_display="F10",
            tooltip="The action log: record progress on the actions carried from earlier "
                    "meetings (minuted at this meeting)"),
    Binding("ctrl+r", "approve_previous", "Approve minutes", key_display="^R",
            tooltip="Agree the previous meeting's minutes as a correct record (asks for "
                    "any amendments)"),
    Binding("ctrl+r", "amend", "Amendment", key_display="^R",
            tooltip="Record a correction to these approved minutes as a dated amendment"),
    # priority: in a real terminal alt+x carries the character "x" (as alt+p does)
    Binding("alt+x", "exclusion", "Exclusion", key_display="M-x", priority=True,
            tooltip="Put the resolution excluding the press and public for the exempt "
                    "item(s) that follow in the composer, in the standard wording for "
                    "their legal basis (Enter files it)"),
    Binding("insert", "add_item", "Add item", key_display="Ins", show=False,
            tooltip="Add an agenda item after this one (business raised on the day)"),
    # priority: in a real terminal alt+p carries the character "p", which the text box
    # would type before a non-priority binding is looked at
    Binding("alt+p", "insert_phrase", "Phrase", key_display="alt+p", priority=True,
            tooltip="Insert one of the panel's stock phrases at the cursor, its "
                    "{presenter}, {chair} and {now} filled in"),
]
