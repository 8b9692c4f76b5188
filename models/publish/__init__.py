"""Publishing formats other than the Markdown working copy (Word, HTML, PDF, plain text).

Every format is made from the ONE document model: the Markdown that ``panel_minutes.models.export.markdown``
renders in the panel's house style (public or full), read as a token tree by markdown-it-py.
So every format says the same words, with the same numbers and tables, and typed text that the
Markdown escaped can never become markup in any of them.
"""
