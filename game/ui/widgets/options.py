"""The options list: available moves numbered 1-9, unavailable ones dimmed with the reason."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets.option_list import Option, OptionDoesNotExist

from game.ui.seam import OptionRow
from game.ui.widgets.pick_list import PickList


class OptionsList(PickList):
    """The player's options for this turn.

    Arrow keys or a click move the highlight; the screen confirms on `enter`. Unavailable
    options are dimmed, marked ✗ and followed by the reason ("- requires ...", "- already
    taken"). They can still be highlighted, so the detail panel can show the reason in full
    and what the option would do: on a narrow terminal the list cuts the reason short.
    """

    def show(self, rows: Sequence[OptionRow]) -> None:
        """Replace the options; highlight the first available one."""
        self.clear_options()
        self.add_options([self._option(row) for row in rows])
        first = next((i for i, row in enumerate(rows) if row.available), None)
        self.highlighted = first

    @staticmethod
    def _option(row: OptionRow) -> Option:
        if row.available:
            number = f"{row.number} " if row.number is not None else "  "
            prompt = Content.assemble((number, "bold"), row.label)
        else:
            prompt = Content.styled(f"✗ {row.label} - {row.reason}", "$text-disabled")
        return Option(prompt, id=row.id)

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
