"""An option list where a click only highlights: choosing is always a separate, deliberate act."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList


class PickList(OptionList):
    """``OptionList`` whose click highlights an entry without selecting it.

    A stock option list selects on click. In this game selecting commits a government to a
    move (or a role) that cannot be taken back, so a click shows the entry's details and
    the player confirms with `enter` or the Confirm key in the footer.
    """

    async def _on_click(self, event: events.Click) -> None:
        clicked: int | None = event.style.meta.get("option")
        if clicked is not None and not self.get_option_at_index(clicked).disabled:
            self.highlighted = clicked
