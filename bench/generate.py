"""Write a realistic large panel-minutes database through the store, for the benchmarks.

Full size (``--scale 1``): 20 panels and committees x 10 years x 8 meetings (1,600 meetings),
about 12 items a meeting and 15 entries an item (~290,000 entries), ~20,000 actions, plus one
very long draft meeting (60 items x 60 entries) that the benchmarks open, file into and export.
``--scale 0.05`` writes 4 meetings a panel (a quick database); the long meeting is always full.

Every row goes through ``Store`` (``bulk_add_meeting``: one transaction per meeting), so the
search index and every other trigger sees exactly what the app would write. Content is fully
determined by ``--seed``; a JSON manifest (``<db>.json``) records what was written.

    python bench/generate.py --out bench/out/large.db            # full size, a few minutes
    python bench/generate.py --out /tmp/quick.db --scale 0.05    # seconds
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.textgen import CLOSING, STANDING, TextGen
from panel_minutes.models.domain import (
    ActionStatus,
    AttendanceStatus,
    EntryKind,
    ItemKind,
    MemberRole,
    Outcome,
)
from panel_minutes.models.store import Store
from panel_minutes.models.store.bulk import NewAction, NewAttendance, NewEntry, NewItem

PANELS = 20
YEARS = 10
MEETINGS_A_YEAR = 8
FIRST_YEAR = 2016
MONTHS = (1, 2, 3, 6, 7, 9, 10, 11)  # a panel's usual cycle of eight meetings
LONG_ITEMS = 60
LONG_ENTRIES = 60
DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "large.db"


@dataclass(frozen=True)
class Manifest:
    """What a generated database holds; the benchmarks read it from ``<db>.json``."""

    db: str
    seed: int
    scale: float
    panels: int
    meetings: int
    items: int
    entries: int
    actions: int
    long_meeting_id: int
    long_panel_id: int
    seconds: float

    def save(self) -> Path:
        path = manifest_path(Path(self.db))
        path.write_text(json.dumps(asdict(self), indent=2) + "\n")
        return path


def manifest_path(db: Path) -> Path:
    return db.with_suffix(".json")


def load_manifest(db: Path) -> Manifest:
    return Manifest(**json.loads(manifest_path(db).read_text()))


@dataclass
class Cast:
    """The people of one panel: members (chair first), and the Commissioner's side."""

    panel_id: int
    members: list[tuple[int, str]]  # (person id, "Cllr Surname")
    pcc: int
    officers: list[int]
    clerk: int


class Writer:
    """Builds each meeting in memory from the seeded text generator, then bulk-writes it."""

    def __init__(self, store: Store, seed: int) -> None:
        self.store = store
        self.gen = TextGen(seed)
        self.rng = self.gen.rng
        self.items = 0
        self.entries = 0
        self.actions = 0
        self.meetings = 0
        self.places: set[str] = set()

    # --- panels and people -----------------------------------------------------------------------

    def panel(self, n: int) -> Cast:
        place = self.gen.place()
        while place in self.places:
            place = self.gen.place()
        self.places.add(place)
        name = (
            f"{place} Police and Crime Panel"
            if n % 5
            else f"{place} Police and Crime Panel Complaints Sub-Committee"
        )
        panel = self.store.create_panel(
            name,
            host_authority=f"{place} County Council",
            default_venue=f"Council Chamber, {self.gen.place()} House",
        )
        members: list[tuple[int, str]] = []
        for seat in range(12):
            full = self.gen.person()
            title = "Cllr" if seat < 10 else self.rng.choice(("Mr", "Ms", "Dr"))
            role = "Independent co-opted member" if seat >= 10 else f"{self.gen.place()} Council"
            person = self.store.create_person(full, title=title, role=role)
            member_role = (
                MemberRole.CHAIR if seat == 0
                else MemberRole.VICE_CHAIR if seat == 1
                else MemberRole.CO_OPTED if seat >= 10
                else MemberRole.MEMBER
            )
            self.store.add_member(panel.id, person.id, role=member_role)
            members.append((person.id, f"{title} {full.split()[-1]}"))
        pcc = self.store.create_person(self.gen.person(), title="Ms",
                                       role="Police and Crime Commissioner").id
        officers = [
            self.store.create_person(self.gen.person(), title="Mr", role=role).id
            for role in ("Chief Executive, Office of the PCC", "Chief Finance Officer")
        ]
        clerk = self.store.create_person(self.gen.person(), title="Ms",
                                         role="Democratic Services Officer").id
        return Cast(panel.id, members, pcc, officers, clerk)

    # --- one meeting -----------------------------------------------------------------------------

    def entry(self, cast: Cast, kind: EntryKind) -> NewEntry:
        r = self.rng
        if kind is EntryKind.QUESTION:
            question, answer = self.gen.question()
            asker, _ = r.choice(cast.members)
            return NewEntry(question, kind, asker_id=asker, respondent_id=cast.pcc, answer=answer)
        if kind is EntryKind.RESOLUTION:
            voters = len(cast.members)
            against = r.choice((0, 0, 0, 1, 2, 3))
            abstain = r.choice((0, 0, 1))
            return NewEntry(
                self.gen.resolution(), kind,
                proposer=cast.members[0][1], seconder=cast.members[1][1],
                vote_for=voters - against - abstain, vote_against=against, vote_abstain=abstain,
                outcome=Outcome.UNANIMOUS if not against else Outcome.CARRIED,
            )
        if kind is EntryKind.PROCEDURE:
            return NewEntry(self.gen.procedure(r.choice(cast.members)[1]), kind,
                            at_time=f"{r.randint(10, 13)}:{r.randint(0, 59):02d}")
        return NewEntry(self.gen.paragraph(), kind)

    def entries_for(self, cast: Cast, count: int) -> tuple[NewEntry, ...]:
        kinds = self.rng.choices(
            (EntryKind.PARAGRAPH, EntryKind.QUESTION, EntryKind.RESOLUTION, EntryKind.PROCEDURE),
            weights=(60, 22, 8, 10), k=count,
        )
        if count:
            kinds[-1] = EntryKind.RESOLUTION  # an item usually ends with its decision
        return tuple(self.entry(cast, k) for k in kinds)

    def agenda(self, cast: Cast, held_on: date) -> list[NewItem]:
        r = self.rng
        items = [
            NewItem(title, self.entries_for(cast, r.randint(1, 4)))
            for title in STANDING
        ]
        for title in self.gen.topics(r.randint(5, 9)):
            exempt = r.random() < 0.05
            items.append(
                NewItem(
                    title, self.entries_for(cast, r.randint(14, 34)),
                    kind=ItemKind.STANDARD, exempt=exempt,
                    public_title="Exempt item: staffing matter" if exempt else "",
                    presenter="Police and Crime Commissioner",
                    documents=(f"Report of the Commissioner, {held_on:%B %Y}",),
                )
            )
        items.append(NewItem(CLOSING, self.entries_for(cast, r.randint(1, 3))))
        return items

    def attendance(self, cast: Cast) -> list[NewAttendance]:
        rows: list[NewAttendance] = []
        for seat, (person_id, _) in enumerate(cast.members):
            away = self.rng.random() < 0.12
            rows.append(
                NewAttendance(
                    person_id,
                    AttendanceStatus.APOLOGIES if away else AttendanceStatus.PRESENT,
                    capacity="Chair" if seat == 0 else "Vice-Chair" if seat == 1 else "",
                )
            )
        rows.append(NewAttendance(cast.pcc, AttendanceStatus.ALSO_PRESENT))
        rows += [NewAttendance(o, AttendanceStatus.ALSO_PRESENT) for o in cast.officers]
        rows.append(NewAttendance(cast.clerk, AttendanceStatus.IN_ATTENDANCE))
        return rows

    def actions_for(self, cast: Cast, held_on: date, items: int, recent: bool) -> list[NewAction]:
        r = self.rng
        out: list[NewAction] = []
        for _ in range(r.randint(8, 17)):
            due = held_on + timedelta(days=r.randint(28, 90))
            roll = r.random()
            status = (
                ActionStatus.OPEN if recent and roll < 0.5
                else ActionStatus.DROPPED if roll > 0.95
                else ActionStatus.OPEN if roll < 0.03
                else ActionStatus.DONE
            )
            out.append(
                NewAction(
                    self.gen.action(), item_index=r.randrange(len(STANDING), items - 1),
                    owner_id=r.choice((cast.pcc, *cast.officers)), due_date=due, status=status,
                    completion_note="Completed and reported to members." if status is
                    ActionStatus.DONE else "",
                    closed_on=held_on + timedelta(days=r.randint(20, 120)),
                )
            )
        return out

    def meeting(self, cast: Cast, held_on: date, *, approved: bool, recent: bool) -> int:
        items = self.agenda(cast, held_on)
        actions = self.actions_for(cast, held_on, len(items), recent)
        meeting_id = self.store.bulk_add_meeting(
            cast.panel_id, held_on, items, start_time="10:00",
            end_time=f"{self.rng.randint(12, 15)}:{self.rng.choice(('00', '15', '30', '45'))}",
            venue="Council Chamber", attendance=self.attendance(cast), actions=actions,
            approved=approved,
        )
        self.count(items, len(actions))
        return meeting_id

    def long_meeting(self, cast: Cast, held_on: date) -> int:
        """The clerk's marathon: 60 items of 60 entries each, still a draft."""
        topics = self.gen.topics(len(STANDING) + LONG_ITEMS)
        items = [
            NewItem(f"{topics[n % len(topics)]} ({n + 1})",
                    self.entries_for(cast, LONG_ENTRIES), kind=ItemKind.STANDARD)
            for n in range(LONG_ITEMS)
        ]
        actions = self.actions_for(cast, held_on, len(items), recent=True)
        meeting_id = self.store.bulk_add_meeting(
            cast.panel_id, held_on, items, venue="Council Chamber",
            attendance=self.attendance(cast), actions=actions,
        )
        self.count(items, len(actions))
        return meeting_id

    def count(self, items: list[NewItem], actions: int) -> None:
        self.meetings += 1
        self.items += len(items)
        self.entries += sum(len(i.entries) for i in items)
        self.actions += actions


def meeting_dates(rng_day: Callable[[], int], per_panel: int) -> list[date]:
    """``per_panel`` dates, eight a year from January 2016."""
    return [
        date(FIRST_YEAR + n // MEETINGS_A_YEAR, MONTHS[n % MEETINGS_A_YEAR], rng_day())
        for n in range(per_panel)
    ]


def generate(
    out: Path, *, seed: int = 1, scale: float = 1.0, force: bool = False,
    progress: Callable[[str], None] | None = None, long_meeting: bool = True,
) -> Manifest:
    """Write the database at ``out`` (refuses to overwrite unless ``force``) and its manifest.

    ``long_meeting=False`` leaves out the 60 x 60 meeting (``long_meeting_id`` is then 0)."""
    if scale <= 0:
        raise ValueError("--scale must be more than 0")
    if out.exists():
        if not force:
            raise FileExistsError(f"{out} exists; pass --force to replace it")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{out}{suffix}").unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    per_panel = max(1, round(YEARS * MEETINGS_A_YEAR * scale))
    store = Store(str(out))
    try:
        writer = Writer(store, seed)
        casts = [writer.panel(n) for n in range(PANELS)]
        last_day = date(FIRST_YEAR, 1, 1)
        for n, cast in enumerate(casts):
            dates = meeting_dates(lambda: writer.rng.randint(2, 27), per_panel)
            for k, held_on in enumerate(dates):
                last = k == len(dates) - 1
                recent = k >= len(dates) - MEETINGS_A_YEAR
                writer.meeting(cast, held_on, approved=not last, recent=recent)
                last_day = max(last_day, held_on)
            if progress:
                progress(f"panel {n + 1}/{PANELS}: {writer.meetings} meetings, "
                         f"{writer.entries:,} entries, {time.perf_counter() - started:.0f} s")
        long_id = (
            writer.long_meeting(casts[0], last_day + timedelta(days=14)) if long_meeting else 0
        )
        manifest = Manifest(
            db=str(out), seed=seed, scale=scale, panels=len(casts), meetings=writer.meetings,
            items=writer.items, entries=writer.entries, actions=writer.actions,
            long_meeting_id=long_id, long_panel_id=casts[0].panel_id,
            seconds=round(time.perf_counter() - started, 1),
        )
    finally:
        store.close()
    manifest.save()
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="database file to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same text)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="fraction of the 10 years to write (0.05 for a quick database)")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args(argv)
    try:
        manifest = generate(args.out, seed=args.seed, scale=args.scale, force=args.force,
                            progress=lambda line: print(line, file=sys.stderr))
    except (FileExistsError, ValueError) as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    print(
        f"{manifest.db}: {manifest.meetings:,} meetings, {manifest.items:,} items, "
        f"{manifest.entries:,} entries, {manifest.actions:,} actions "
        f"(long meeting id {manifest.long_meeting_id}) in {manifest.seconds} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
