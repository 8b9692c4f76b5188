"""One module per Textual screen or modal dialog. Screens are thin: they call the store."""
