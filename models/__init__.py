"""panel-minutes' data layer: tables, store, domain logic and export. No Textual imports.

Importing this package is cheap: submodules that need SQLAlchemy load only when imported.
"""

__version__ = "0.1.0"
