"""Keys for a panel that scrolls beside the options list: everything but the arrows.

On the turn screen the arrows always move the options (the screen binds them), even when the
focus is on a panel that scrolls: a student who pressed tab to read a long description and
then an arrow expects the next option, not a line of text. Those panels scroll with the
page keys, home/end, and shift+arrows (which the screen also binds for the detail panel).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll


class SidePanel(VerticalScroll, inherit_bindings=False):
    """A ``VerticalScroll`` whose arrows are left to the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up", "scroll_up", "Scroll up", show=False),
        Binding("shift+down", "scroll_down", "Scroll down", show=False),
        Binding("home", "scroll_home", "Scroll home", show=False),
        Binding("end", "scroll_end", "Scroll end", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]
