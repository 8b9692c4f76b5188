"""panel-minutes' terminal UI: the App, reusable widgets, styles and the command line."""
