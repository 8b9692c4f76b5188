"""Export of a meeting's minutes: Markdown (``models.export.markdown``) and its escaping.

Pure Python: no Textual, no database. Everything works on a ``models.domain.MinutesDocument``.
"""

from models.export.markdown import default_export_name, render_markdown

__all__ = ["default_export_name", "render_markdown"]
