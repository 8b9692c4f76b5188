"""The shared confirm and prompt dialogs, driven by keys."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.prompt import PromptScreen


class _Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []

    def compose(self) -> ComposeResult:
        yield Static("host")


async def test_confirm_y_n_escape_and_enter_defaults_to_no() -> None:
    app = _Host()
    async with app.run_test(size=(80, 24)) as pilot:
        for key, expected in (("y", True), ("n", False), ("escape", False), ("enter", False)):
            app.push_screen(ConfirmScreen("Delete it?"), app.results.append)
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press(key)
            await pilot.pause()
            assert app.results[-1] is expected, key
        app.push_screen(ConfirmScreen("Delete it?"), app.results.append)
        await pilot.pause()
        await pilot.press("left", "enter")
        await pilot.pause()
        assert app.results[-1] is True


async def test_prompt_validates_inline_and_keeps_text() -> None:
    app = _Host()

    def must_be_digits(value: str) -> str | None:
        return None if value.isdigit() else "Type a number."

    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PromptScreen("How many?", "12", validator=must_be_digits), app.results.append)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PromptScreen)
        field = screen.query_one("#prompt-input", Input)
        assert field.value == "12"
        field.value = "twelve"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert isinstance(screen, PromptScreen) and screen.error == "Type a number."
        assert field.value == "twelve"
        field.value = "13"
        await pilot.pause()
        assert isinstance(screen, PromptScreen) and screen.error == ""
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["13"]
        app.push_screen(PromptScreen("Name?", "x"), app.results.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == ["13", None]
