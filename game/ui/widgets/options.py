"""The options list: every option of the role with its number for the game, unavailable
ones dimmed and marked ✗ with the reason."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets.option_list import Option, OptionDoesNotExist

from game.ui.seam import OptionRow
from game.ui.text import DIMMED
from game.ui.widgets.pick_list import PickList


class OptionsList(PickList):
    """The player's options for this turn.

    Every option keeps its number all game (its place in the role's full list), so a key
    never plays a different move from one turn to the next. Arrow keys or a click move the
    highlight; the screen confirms on `enter`. Unavailable options are dimmed, marked ✗ and
    followed by the reason ("- requires ...", "- already taken"). Arrows can still highlight
    them, so the detail panel can show the reason in full and what the option would do (on a
    narrow terminal the list cuts the reason short); page up/down, home and end land on
    available options only, since a jump there means "take me to something I can play".
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._available: list[bool] = []

    def show(self, rows: Sequence[OptionRow]) -> None:
        """Replace the options; highlight the first available one."""
        self.clear_options()
        self._available = [row.available for row in rows]
        self.add_options([self._option(row) for row in rows])
        first = next((i for i, row in enumerate(rows) if row.available), None)
        self.highlighted = first

    @staticmethod
    def _option(row: OptionRow) -> Option:
        number = f"{row.number:>2} "
        if row.available:
            prompt = Content.assemble((number, "bold"), row.label)
        else:
            prompt = Content.styled(f"{number}✗ {row.label} - {row.reason}", DIMMED)
        return Option(prompt, id=row.id)

    def _land_on_available(self, direction: int) -> None:
        """After a jump, move on to the nearest available option (that way, else back)."""
        here = self.highlighted
        if here is None or not self._available or self._available[here]:
            return
        count = len(self._available)
        ahead = range(here, count) if direction > 0 else range(here, -1, -1)
        behind = range(here, -1, -1) if direction > 0 else range(here, count)
        for index in [*ahead, *behind]:
            if self._available[index]:
                self.highlighted = index
                return

    def action_page_down(self) -> None:
        super().action_page_down()
        self._land_on_available(+1)

    def action_page_up(self) -> None:
        super().action_page_up()
        self._land_on_available(-1)

    def action_first(self) -> None:
        super().action_first()
        self._land_on_available(+1)

    def action_last(self) -> None:
        super().action_last()
        self._land_on_available(-1)

    def highlight_id(self, option_id: str) -> bool:
        """Move the highlight to an option by id; False if there is no such option."""
        try:
            self.highlighted = self.get_option_index(option_id)
        except OptionDoesNotExist:
            return False
        return True

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted option, if any."""
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id
