"""Offers in words: the ones the seat must answer, with what each answer does, and its own.

Shared by the offers dialog and the news panel's lead lines, so an offer reads the same in
both. Scenario text (labels, terms) goes in as plain strings, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from game.ui.seam import AnswerView, OfferView
from game.ui.text import delta_style, heading, lines, muted, signed

ANSWER_KEYS = {"accept": "y", "decline": "n", "counter": "c"}
"""The key that gives each answer in the offers dialog (y/n for yes and no, c for counter)."""


def answer_label(offer: OfferView, answer: str | None) -> str:
    """The label of one of an offer's answers ('Accept', the counter's label), or 'none yet'."""
    if answer is None:
        return "none yet"
    return next((a.label for a in offer.answers if a.id == answer), answer)


def offer_lines(offers: Sequence[OfferView], made: Sequence[OfferView]) -> tuple[str, ...]:
    """One line per open offer, to lead the news: who offers what, and the seat's answer."""
    rows = []
    for offer in offers:
        answer = (
            f"your answer: {answer_label(offer, offer.answer)}"
            if offer.answer
            else "press o to answer"
        )
        rows.append(
            f"Offer from {offer.by}: {offer.label} (until turn {offer.last_turn}; {answer})"
        )
    for offer in made:
        replies = "; ".join(f"{who} {reply}" for who, reply in offer.replies)
        rows.append(f"Your offer: {offer.label} ({replies})")
    return tuple(rows)


def _answer_block(offer: OfferView, answer: AnswerView, *, advisor: bool) -> Content:
    key = ANSWER_KEYS.get(answer.id, "?")
    chosen = " ◀ your answer" if offer.answer == answer.id else ""
    parts: list[Content | str] = []
    head = Content.assemble((f"  {key}  ", "bold"), (answer.label, "bold"), chosen)
    if advisor and answer.value is not None:
        head = Content.assemble(
            head, "  ", (f"your score {answer.value:+.1f}", delta_style(round(answer.value, 1)))
        )
    parts.append(head)
    if advisor:
        if not answer.effects:
            parts.append(muted("       nothing on the numbers"))
        for amount, what in answer.effects:
            parts.append(
                Content.assemble("     ", (f"{signed(amount):>4}", delta_style(amount)), f" {what}")
            )
    return lines(*parts)


def offer_text(offer: OfferView, *, number: int, selected: bool, advisor: bool) -> Content:
    """One offer in full: who, the terms, until when, and each answer with its key, effects
    and (with the advisor on) what it would do to the seat's score if the offer ended so."""
    to = ", ".join(offer.to)
    mark = "▶ " if selected else "  "
    parts: list[Content | str] = [
        heading(f"{mark}{number}. {offer.by} offers: {offer.label}"),
        f"   To {to}. Answer by turn {offer.last_turn}; unanswered, it lapses.",
        f"   Terms: {offer.terms.strip()}",
        f"   Your answer: {answer_label(offer, offer.answer)}",
    ]
    if selected:
        parts += [_answer_block(offer, a, advisor=advisor) for a in offer.answers]
        if advisor:
            parts.append(
                muted("   What each answer does if the offer ends with it (all must accept).")
            )
    return lines(*parts)


def offers_text(offers: Sequence[OfferView], selected: int, *, advisor: bool) -> Content:
    """Every offer to answer, the selected one with its answers in full."""
    if not offers:
        return muted("No offer is waiting for your answer.")
    return Content("\n\n").join(
        offer_text(o, number=i + 1, selected=i == selected, advisor=advisor)
        for i, o in enumerate(offers)
    )
