"""Run store calls off the UI thread, in order, and report user errors as notifications.

    store_call(self, lambda s: s.list_meetings(), self._show_meetings)

runs ``call(store)`` on the app's single store thread (so writes happen exactly in the order the
clerk made them, and a read made after a write sees it), then hands the result to ``on_done`` on
the UI thread. A ``PanelMinutesError`` (storage full, database locked, a bad value ...) becomes an
error notification with its one-line message, and ``on_error`` (if given) runs so a form can stay
open with everything typed still in it. Nothing here blocks typing.

``exclusive=True`` with a ``group`` drops the result of an earlier call in the same group that has
not been delivered yet (for reloads); the earlier call itself still runs to the end, so a write
is never lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker

if TYPE_CHECKING:
    from models.errors import PanelMinutesError
    from models.store import Store

T = TypeVar("T")

_FALLBACK: ThreadPoolExecutor | None = None


def store_executor(app: Any) -> ThreadPoolExecutor:
    """The app's one store thread (``PanelMinutesApp.store_thread``)."""
    executor = getattr(app, "store_thread", None)
    if isinstance(executor, ThreadPoolExecutor):
        return executor
    global _FALLBACK
    if _FALLBACK is None:
        _FALLBACK = ThreadPoolExecutor(max_workers=1, thread_name_prefix="panel-minutes-store")
    return _FALLBACK


def store_call(
    node: DOMNode,
    call: Callable[[Store], T],
    on_done: Callable[[T], object] | None = None,
    *,
    on_error: Callable[[PanelMinutesError], object] | None = None,
    group: str = "store-call",
    exclusive: bool = False,
) -> Worker[None]:
    """Run ``call(app.store)`` on the store thread; deliver the result to ``on_done``.

    ``on_done`` and ``on_error`` run on the UI thread, and only while ``node`` is still mounted
    (a dialog that has closed gets nothing; the error notification is shown regardless).
    """
    app = node.app

    async def runner() -> None:
        from models.errors import PanelMinutesError

        store: Store = await app.wait_for_store()  # type: ignore[attr-defined]
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(store_executor(app), call, store)
        try:
            result = await asyncio.shield(future)
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

    return node.run_worker(runner, group=group, exclusive=exclusive)


def _wrap_unexpected(exc: Exception) -> PanelMinutesError:
    """Wrap an unexpected exception so ``on_error`` callbacks see one error type."""
    from models.errors import PanelMinutesError

    wrapped = PanelMinutesError(f"Unexpected error: {exc}")
    wrapped.__cause__ = exc
    return wrapped
