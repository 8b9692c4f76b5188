"""The running app as its own type, for the screens: ``panel_app(self).runner``, ``.clock`` ...

Textual types ``node.app`` as a plain ``App``; every screen of panel-minutes runs in a
``PanelMinutesApp``, and this is the one place that says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from panel_minutes.tui.app import PanelMinutesApp


def panel_app(node: DOMNode) -> PanelMinutesApp:
    """The ``PanelMinutesApp`` ``node`` runs in."""
    return cast("PanelMinutesApp", node.app)
