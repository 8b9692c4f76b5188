"""Export of a meeting's minutes: Markdown (``panel_minutes.models.export.markdown``) and its escaping.

Pure Python: no Textual, no database. Everything works on a ``panel_minutes.models.domain.MinutesDocument``.
"""

from panel_minutes.models.export.markdown import default_export_name, render_markdown

__all__ = ["default_export_name", "render_markdown"]
