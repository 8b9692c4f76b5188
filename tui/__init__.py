"""panel-minutes' terminal UI: the App, reusable widgets, styles and the command line.

Importing this package sets Textual's frame rate to 120 a second (``TEXTUAL_FPS``, unless the
environment already sets it), so it must come before Textual is imported. Textual paints a
changed screen at its next frame tick: at the default 60 a key typed into the composer reached
the screen up to 17 ms later (29 ms at the 99th percentile); at 120, 13 ms. A frame is only
painted when something changed, so an idle app does no more work.
"""

import os

os.environ.setdefault("TEXTUAL_FPS", "120")
