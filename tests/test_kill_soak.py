"""Killed while typing: the REAL app, SIGKILLed again and again, loses nothing.

``panel-minutes --db X --open MEETING`` runs as a separate process on a pseudo-terminal (no
terminal needed, so it runs under CI). Each round starts it, files what the last round left in
the composer, files a new entry, then types and is killed with SIGKILL at one of four moments:

- ``idle``: typing stopped long enough for the autosave (0.5 s) before the kill;
- ``typing``: mid-sentence, within the autosave window;
- ``filing``: just after Enter, while the entry is being written;
- ``startup``: while the app is still starting and loading the meeting;
- ``editing``: 0 to 40 ms after Enter saved an edit of the entry just filed.

After every kill: ``PRAGMA integrity_check`` is ok; every entry seen filed is there, intact and
once; nothing in the database is a torn fragment of what was typed; the draft is what the
composer held at its last autosave, which is never older than 0.5 s (plus ``GRACE`` for a busy
machine) before the kill; an entry killed while filing is either filed or back as the draft; a correction killed just
after Enter is either saved (and no edit of the old text is left to come back) or back as the
draft, and filed whole after the restart: no correction is ever lost.

``PANEL_MINUTES_KILLS=60`` runs 60 kills (the default, 8, keeps CI fast). The figures are
printed: kills, entries filed, anything lost (0), the oldest draft at a kill.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.store import Store
from tests.pty_app import PtyApp

pytestmark = pytest.mark.slow  # real processes or large data: `-m "not slow"` skips it

KILLS = int(os.environ.get("PANEL_MINUTES_KILLS", "10"))
AUTOSAVE = 0.5  # the live screen's promise: a draft is saved within 0.5 s of the last key
GRACE = float(os.environ.get("PANEL_MINUTES_KILL_GRACE", "0.5"))  # a busy CI machine's lag
MODES = ("idle", "typing", "filing", "startup", "editing")
WORDS = re.findall(
    r"\S+",
    "the Panel noted the Commissioner's update on neighbourhood policing and asked for figures "
    "by district at its next meeting including response times in rural areas and the cost of "
    "the new control room",
)


@dataclass
class Soak:
    db: Path
    meeting_id: int
    item_id: int
    rng: random.Random
    filed: list[str] = field(default_factory=list)  # every entry seen in the database
    typed: set[str] = field(default_factory=set)  # every text ever typed as a whole
    lost: list[str] = field(default_factory=list)
    duplicates: int = 0
    oldest_draft: float = 0.0  # seconds: how far behind the typing a draft was at a kill
    counter: int = 0
    corrections: int = 0  # edits saved (or kept as the draft) at a kill
    pending_edit: tuple[str, str] | None = None  # (old, corrected) kept as the draft

    def state(self) -> tuple[list[str], str | None, str]:
        """(entry texts in order, draft text, integrity) read straight from the file."""
        conn = sqlite3.connect(self.db, timeout=30)
        try:
            integrity = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
            entries = [r[0] for r in conn.execute(
                "SELECT text FROM entry WHERE item_id = ? ORDER BY position, id", (self.item_id,)
            )]
            row = conn.execute(
                "SELECT text FROM draft WHERE meeting_id = ?", (self.meeting_id,)
            ).fetchone()
        finally:
            conn.close()
        return entries, (row[0] if row else None), integrity

    def sentence(self) -> str:
        self.counter += 1
        words = self.rng.sample(WORDS, self.rng.randint(3, 9))
        return f"N{self.counter} " + " ".join(words)

    def wait_filed(self, text: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            entries, _, _ = self.state()
            if entries.count(text) > self.filed.count(text):
                self.filed.append(text)
                return
            time.sleep(0.05)
        raise AssertionError(f"{text!r} was never filed")

    def type_slowly(self, app: PtyApp, text: str) -> list[tuple[float, str]]:
        """Type in small bursts; returns (time sent, text typed so far) after each burst."""
        sent: list[tuple[float, str]] = []
        pos = 0
        while pos < len(text):
            step = self.rng.randint(1, 4)
            app.send(text[pos:pos + step].encode())
            pos += step
            sent.append((time.monotonic(), text[:pos]))
            app.pump(self.rng.uniform(0.03, 0.12))  # a fast typist: never pausing 0.5 s
        return sent

    def start(self) -> tuple[PtyApp, str | None]:
        _, draft, _ = self.state()
        app = PtyApp(self.db, self.meeting_id)
        return app, draft

    def ready(self, app: PtyApp, draft: str | None) -> None:
        # a correction kept as the draft comes back as an edit ("Enter saves")
        app.wait_for("Editing" if self.pending_edit else "Enter files")
        if draft:
            app.wait_for("unfiled text was restored")
        app.pump(0.6)

    def round(self, number: int) -> None:
        mode = MODES[number % len(MODES)]
        before_entries, before_draft, _ = self.state()
        app, draft = self.start()
        try:
            if mode == "startup":
                app.pump(self.rng.uniform(0.1, 2.5))
                app.kill()
                entries, after_draft, integrity = self.state()
                assert integrity == "ok"
                self.check_entries(entries)
                if after_draft != before_draft or entries != before_entries:
                    self.lost.append(f"round {number}: a kill at start-up changed the minutes")
                return
            self.ready(app, draft)
            if draft and self.pending_edit is not None and draft == self.pending_edit[1]:
                # The last round's correction is back as an edit: Enter saves it.
                old, corrected = self.pending_edit
                app.send(b"\r")
                self.wait_filed(corrected)
                self.filed.remove(old)
                self.pending_edit = None
            elif draft:
                # The last round's draft is back in the composer: file it.
                if draft in self.filed:
                    self.duplicates += 1  # filed just before a kill, its draft not yet cleared
                self.typed.add(draft)  # what the composer held at the kill, now filed whole
                app.send(b"\r")
                self.wait_filed(draft)
            entry = self.sentence()
            self.typed.add(entry)
            self.type_slowly(app, entry)
            app.pump(0.2)
            app.send(b"\r")
            self.wait_filed(entry)
            app.pump(0.7)  # the composer is empty again, and so is the draft
            if mode == "editing":
                self.edit_and_kill(number, app, entry)
                return
            words = self.sentence() + " " + self.sentence()  # seconds of unbroken typing
            self.typed.add(words)
            if mode == "filing":
                self.type_slowly(app, words)
                app.pump(AUTOSAVE + 0.3)
                app.send(b"\r")
                app.pump(self.rng.uniform(0.0, 0.3))
                app.kill()
                entries, after_draft, integrity = self.state()
                assert integrity == "ok"
                self.check_entries(entries)
                if words in entries:
                    self.filed.append(words)
                elif after_draft != words:
                    self.lost.append(f"round {number}: {words!r} neither filed nor kept")
                return
            sent = self.type_slowly(app, words)
            if mode == "idle":
                app.pump(self.rng.uniform(AUTOSAVE + 0.2, AUTOSAVE + 0.8))
            else:
                app.pump(self.rng.uniform(0.0, 0.15))  # mid-sentence
            killed = app.kill()
        finally:
            if app.child.poll() is None:
                app.kill()
        entries, after_draft, integrity = self.state()
        assert integrity == "ok", integrity
        self.check_entries(entries)
        self.check_draft(number, mode, after_draft or "", sent, killed)

    def edit_and_kill(self, number: int, app: PtyApp, old: str) -> None:
        """Edit the entry just filed, press Enter, SIGKILL 0 to 40 ms later."""
        corrected = f"{old} corrected {number}"
        self.typed.add(corrected)
        app.keys(b"\x0c", 0.3)  # ctrl+l: the last entry
        app.keys(b"e", 0.3)
        app.wait_for("Editing")
        app.keys(f" corrected {number}".encode(), 0.1)
        app.pump(AUTOSAVE + 0.3)  # the edit is the draft now
        app.send(b"\r")
        app.pump(self.rng.uniform(0.0, 0.04))
        app.kill()
        entries, after_draft, integrity = self.state()
        assert integrity == "ok"
        self.corrections += 1
        if corrected in entries:
            self.filed.remove(old)
            self.filed.append(corrected)
            if after_draft:
                # the old text back as an unsaved edit: Enter would undo the correction
                self.lost.append(f"round {number}: edit draft {after_draft!r} outlived its save")
        elif after_draft == corrected:
            self.pending_edit = (old, corrected)
        else:
            self.lost.append(f"round {number}: correction {corrected!r} neither saved nor kept")
        self.check_entries(entries)

    def check_entries(self, entries: list[str]) -> None:
        for text in set(self.filed):
            if entries.count(text) < self.filed.count(text):
                self.lost.append(f"filed entry {text!r} missing or damaged")
        for text in entries:
            if text not in self.typed:
                self.lost.append(f"an entry that was never typed as a whole: {text!r}")

    def check_draft(
        self, number: int, mode: str, draft: str, sent: list[tuple[float, str]], killed: float
    ) -> None:
        full = sent[-1][1]
        if not full.startswith(draft):
            self.lost.append(f"round {number}: draft {draft!r} is not what was typed")
            return
        # Everything typed AUTOSAVE (+ GRACE) before the kill must be in the draft.
        due = [text for moment, text in sent if moment <= killed - AUTOSAVE - GRACE]
        if due and len(draft) < len(due[-1]):
            self.lost.append(
                f"round {number} ({mode}): draft {draft!r} older than the autosave promise"
            )
        if mode == "idle" and draft != full:
            self.lost.append(f"round {number}: idle draft {draft!r} is not {full!r}")
        # How old the saved draft was at the kill: when the typing first went past it.
        later = [moment for moment, text in sent if len(text) > len(draft)]
        if later:
            self.oldest_draft = max(self.oldest_draft, killed - later[0])


def test_killed_again_and_again_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "minutes.db"
    store = Store(str(db))
    panel = store.create_panel("Northmoor Police and Crime Panel", short_name="northmoor-pcp")
    member = store.create_person("Joan Ashby", title="Cllr")
    store.add_member(panel.id, member.id)
    meeting = store.create_meeting(panel.id, date(2027, 3, 9), standing_agenda=False)
    item = store.add_item(meeting.id, "Commissioner's update on neighbourhood policing")
    store.close()

    soak = Soak(db=db, meeting_id=meeting.id, item_id=item.id, rng=random.Random(4242))
    for number in range(KILLS):
        soak.round(number)
    entries, _, integrity = soak.state()
    print(
        f"kill soak: {KILLS} kills ({', '.join(MODES)}), {len(entries)} entries filed, "
        f"{len(soak.lost)} lost, {soak.duplicates} drafts re-offered after filing, "
        f"{soak.corrections} corrections killed just after Enter, "
        f"oldest draft at a kill {soak.oldest_draft:.2f} s, integrity {integrity}"
    )
    assert soak.lost == []
    assert integrity == "ok"
    # Filing deletes the draft in the same transaction: a kill just after Enter never brings
    # the filed text back as a draft (which Enter would then file twice).
    assert soak.duplicates == 0
