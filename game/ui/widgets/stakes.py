"""The stakes, as text: what the score counts, the endings and how far each is, and the
relations the seat's goals read (third parties too)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from game.ui.seam import EndingStake, TurnView, WatchedRelation
from game.ui.text import STANCE_STYLES, delta, heading, muted, signed


def ending_lines(stake: EndingStake) -> list[Content]:
    """One ending: a mark and its worth, then each clause with how the position stands.

    The mark is a sign as well as a colour: "▶" the ending the game would choose now, "✓"
    one that holds but comes after the chosen one (so it does not count), "·" not yet.
    """
    if stake.chosen:
        mark, note, style = "▶", "would be chosen now", "bold $text-success"
    elif stake.holds and not stake.fallback:
        mark, note, style = "✓", "holds, but an earlier ending comes first", "$text-warning"
    else:
        mark, note, style = "·", "if no other holds" if stake.fallback else stake.when, ""
    lines = [
        Content.assemble(
            (f"{mark} {stake.score:3d} ", style),
            (stake.title, "bold"),
            (f"  ({note})", "$foreground-muted"),
        )
    ]
    for clause in stake.clauses:
        sign = "✓" if clause.holds else "✗"
        lines.append(
            Content.assemble(
                "      ",
                (sign, "$text-success" if clause.holds else "$text-error"),
                f" {clause.need}",
                (f": {clause.now}", "$foreground-muted"),
            )
        )
    return lines


def watched_line(relation: WatchedRelation) -> Content:
    """'Turkey's view of Russia  -12 ▼3  cool  (for: Keep Turkey neutral)'."""
    return Content.assemble(
        "  ",
        relation.subject[:1].upper() + relation.subject[1:],
        f"  {signed(relation.value)} ",
        delta(relation.change),
        "  ",
        (relation.stance, STANCE_STYLES.get(relation.stance, "")),
        (" (third party)" if relation.third_party else "", "$foreground-muted"),
        (f"  for: {', '.join(relation.goals)}", "$foreground-muted"),
    )


def stakes_text(view: TurnView) -> Content:
    """The whole stakes view as one block: the score's meaning, the endings, the relations."""
    parts: list[Content] = []
    if view.score_note:
        parts += [heading("Your score"), Content(f"  {view.score_note}"), Content("")]
    parts += endings_block(view.endings)
    if view.watched:
        parts += [Content(""), heading("Relations your goals read")]
        parts += [watched_line(r) for r in view.watched]
    return Content("\n").join(parts)


def endings_block(endings: Sequence[EndingStake]) -> list[Content]:
    """The endings in the order the game tries them; the first that holds is chosen."""
    if not endings:
        return [muted("This scenario has no endings to aim for.")]
    parts = [
        heading("Endings you can aim for"),
        muted("  Tried in this order: the first that holds is the one chosen."),
    ]
    for stake in endings:
        parts += ending_lines(stake)
    return parts
