"""The news panel: this turn's events and the other governments' moves, as headlines."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from game.ui.text import muted
from game.ui.widgets.scrolling import SidePanel


class NewsPanel(SidePanel):
    """A scrolling list of headlines; says so plainly when there is no news.

    It takes focus (tab) so the keyboard can scroll a long week of news on a small terminal,
    with the page keys or shift+arrows (the arrows stay with the options: ``SidePanel``).
    """

    DEFAULT_CSS = """
    NewsPanel > Static {
        width: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="news-items")

    def show(self, items: Sequence[str], *, empty: str = "No news.") -> None:
        """Show headlines, one bullet each (scenario text, so never read as markup)."""
        body = Content("\n").join(Content(f"• {item}") for item in items) if items else muted(empty)
        self.query_one("#news-items", Static).update(body)
        self.scroll_home(animate=False)
