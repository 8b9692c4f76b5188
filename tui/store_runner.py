"""The one way from a screen to the store: ``app.runner`` (a ``StoreRunner``, owned by the App).

Every store call runs on the app's single store thread, so writes happen exactly in the order the
clerk made them and a read made after a write sees it. Three forms, all on that one thread:

    value = await runner.run(lambda s: s.list_meetings())          # in a coroutine
    runner.call(self, lambda s: s.list_meetings(), self._show)      # from a key handler
    runner.run_now(lambda s: s.save_draft(...))                     # on quit: waits, in order

``call`` hands the result to ``on_done`` on the UI thread. A ``PanelMinutesError`` (storage full,
database locked, a bad value ...) becomes an error notification with its one-line message, and
``on_error`` (if given) runs so a form can stay open with everything typed still in it. Nothing
here blocks typing, except ``run_now``, which the quit path uses so that the last draft is saved
behind every write already queued.

``exclusive=True`` with a ``group`` drops the result of an earlier call in the same group that has
not been delivered yet (for reloads); the earlier call itself still runs to the end, so a write
is never lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker

if TYPE_CHECKING:
    from panel_minutes.models.errors import PanelMinutesError
    from panel_minutes.models.store import Store

T = TypeVar("T")


class StoreRunner:
    """The app's one ordered store thread and the typed ways to run a call on it."""

    def __init__(self, opened: Callable[[], Awaitable[Store]], current: Callable[[], Store]) -> None:
        # ``opened`` waits for the store to open; ``current`` is the open store (or raises).
        self._opened = opened
        self._current = current
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pm-store")
        self._in_flight: set[Future[Any]] = set()  # queued or running on the thread
        self._awaited: set[asyncio.Future[Any]] = set()  # ``run`` calls not yet returned

    @property
    def busy(self) -> bool:
        """A call is queued or running on the store thread, or its result not yet handed back."""
        return bool(self._in_flight or self._awaited)

    def _submit(self, call: Callable[[Store], T], store: Store) -> Future[T]:
        future = self._thread.submit(call, store)
        self._in_flight.add(future)
        future.add_done_callback(self._in_flight.discard)
        return future

    async def run(self, call: Callable[[Store], T]) -> T:
        """``call(store)`` on the store thread, in order with every other call; its result.

        Cancelling the awaiting task does not cancel the call: a write is never abandoned."""
        store = await self._opened()
        future = asyncio.wrap_future(self._submit(call, store))
        self._awaited.add(future)
        try:
            return await asyncio.shield(future)
        finally:
            self._awaited.discard(future)

    def run_now(self, call: Callable[[Store], T], timeout: float = 30.0) -> T:
        """``call(store)`` on the store thread, behind every call already queued, waiting for it
        here (the quit path, where no event loop turn is left). Raises what ``call`` raises, or
        ``TimeoutError`` after ``timeout`` seconds; ``RuntimeError`` if the store is not open."""
        return self._submit(call, self._current()).result(timeout=timeout)

    def call(
        self,
        node: DOMNode,
        call: Callable[[Store], T],
        on_done: Callable[[T], object] | None = None,
        *,
        on_error: Callable[[PanelMinutesError], object] | None = None,
        group: str = "store-call",
        exclusive: bool = False,
    ) -> Worker[None]:
        """Run ``call(store)`` on the store thread; deliver the result to ``on_done``.

        ``on_done`` and ``on_error`` run on the UI thread, and only while ``node`` is still
        mounted (a dialog that has closed gets nothing; the error notification is shown
        regardless)."""
        app = node.app

        async def deliver() -> None:
            from panel_minutes.models.errors import PanelMinutesError

            try:
                result = await self.run(call)
            except PanelMinutesError as err:
                app.notify(str(err), severity="error", timeout=10)
                if on_error is not None and node.is_attached:
                    on_error(err)
                return
            except asyncio.CancelledError:
                # A newer exclusive call replaced this one: the store call still finishes on
                # its thread (writes are never abandoned); its result is simply not delivered.
                raise
            except Exception as exc:
                # A bug, not the clerk's doing: say so, keep the app (and everything typed) alive.
                app.log.error("store call failed", exc)
                app.notify(f"Unexpected error: {type(exc).__name__}: {exc}", severity="error",
                           timeout=15)
                if on_error is not None and node.is_attached:
                    on_error(_wrap_unexpected(exc))
                return
            if on_done is not None and node.is_attached:
                on_done(result)

        return node.run_worker(deliver, group=group, exclusive=exclusive)

    def shutdown(self) -> None:
        """Let every queued call finish, then stop the thread (the app, before closing the store)."""
        self._thread.shutdown(wait=True)


def _wrap_unexpected(exc: Exception) -> PanelMinutesError:
    """Wrap an unexpected exception so ``on_error`` callbacks see one error type."""
    from panel_minutes.models.errors import PanelMinutesError

    wrapped = PanelMinutesError(f"Unexpected error: {exc}")
    wrapped.__cause__ = exc
    return wrapped
