"""Turning what happened into words a student reads: headlines, causes, dates.

Pure text from the scenario's own content; the app, the CLI's turn log and the debrief all
use these so a move reads the same everywhere.
"""

from __future__ import annotations

from game.engine.state import Cause, Change, Choice, OfferNews, TurnReport
from game.engine.world import World

BASIS_WORDS = {
    "documented": "documented: the cited sources state it",
    "plausible": "plausible: consistent with the sources, not documented",
    "invented": "invented: a what-if",
}
"""How a ``basis:`` reads to a student, everywhere it is shown (turn screen, report,
debrief)."""


def basis_text(basis: str | None) -> str:
    """The words for an element's basis ('' when the scenario does not say)."""
    return BASIS_WORDS.get(basis or "", "")


def full_name(world: World, actor_id: str) -> str:
    """An actor's full name, for lists, panels, tables and titles."""
    return world.actor(actor_id).name if actor_id in world.actor_index else actor_id


def actor_name(world: World, actor_id: str) -> str:
    """An actor's name as a sentence says it: its `short_name` when it has one ("Russia"
    for "Russian Federation"), else its name; lists and titles use the full name."""
    if actor_id not in world.actor_index:
        return actor_id
    actor = world.actor(actor_id)
    return actor.short_name.strip() or actor.name


def possessive(name: str) -> str:
    """'Turkey's', 'the United Nations'': the owner's form of a name."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def stat_label(world: World, actor_id: str, stat: str) -> str:
    """What a stat means, in the scenario's words: 'air defence' for `air_defence`.

    Falls back on the name with spaces for a scenario that gave no label (the checker warns).
    """
    if actor_id in world.actor_index:
        label = world.actor(actor_id).stat_labels.get(stat, "").strip()
        if label:
            return label
    return stat.replace("_", " ")


def flag_label(world: World, flag: str) -> str:
    """What is true once a flag is set, in the scenario's words ('Turkey has stored the
    S-400s'); the name with spaces for a scenario that gave no label (the checker warns)."""
    label = world.scenario.flags.get(flag, "").strip()
    return label or flag.replace("_", " ")


def flag_change_text(world: World, flag: str, now_set: bool) -> str:
    """A flag set or cleared, as news: 'Turkey has stored the S-400s', 'no longer: ...'."""
    label = flag_label(world, flag)
    return capitalise(label) if now_set else f"No longer the case: {label}"


def capitalise(text: str) -> str:
    """The first letter upper case, the rest as written (labels are written mid-sentence)."""
    return text[:1].upper() + text[1:]


def headline(world: World, choice: Choice) -> str:
    """A news headline for a government's move."""
    name = actor_name(world, choice.actor)
    if choice.option is None:
        return f"{name} waits and watches"
    option = world.option(choice.option)
    text = option.news.replace("{actor}", name) if option.news else f"{name}: {option.label}"
    if option.offer is not None:
        text += f" (an offer to {names(world, option.offer.to)})"
    if choice.outcome == "failure":
        return f"{text} (it falls through)"
    if choice.outcome == "pending":
        return f"{text} (effects expected in {option.delay} turn{'s' if option.delay != 1 else ''})"
    return text


def headlines(world: World, report: TurnReport, *, skip_actor: str | None = None) -> list[str]:
    """This turn's news: events first, then other governments' moves, then delayed ones."""
    scenario = world.scenario
    events = {e.id: e for e in scenario.events}
    lines = [events[e].title for e in report.events]
    lines += [headline(world, c) for c in report.choices if c.actor != skip_actor and c.option]
    lines += [f"Now: {headline(world, c)}" for c in report.landed]
    lines += [offer_headline(world, news) for news in report.offers if news.outcome != "made"]
    lines += [f"Revealed: {headline(world, c)}" for c in report.revealed]
    return lines


def names(world: World, actor_ids: tuple[str, ...]) -> str:
    """'Russia', 'Russia and Ukraine', 'Russia, Ukraine and the UN'."""
    named = [actor_name(world, a) for a in actor_ids]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


_OFFER_VERBS = {
    "made": "is put to",
    "accepted": "is accepted by",
    "declined": "is declined by",
    "countered": "is met with a counter-proposal by",
}


def offer_headline(world: World, news: OfferNews) -> str:
    """An offer's news: 'Turkey's offer (Host talks in Istanbul) is accepted by Russia and
    Ukraine'; an expired one names who never answered, an open one who has answered."""
    label = world.option(news.option).label
    lead = f"{possessive(actor_name(world, news.actor))} offer ({label})"
    answered = tuple(p for p, a in zip(news.parties, news.answers, strict=False) if a)
    silent = tuple(p for p in news.parties if p not in answered)
    if news.outcome == "expired":
        return f"{lead} lapses: no answer from {names(world, silent)}"
    if news.outcome == "open":
        return f"{lead}: {names(world, answered)} answered; waiting for {names(world, silent)}"
    if news.outcome in ("declined", "countered"):
        answer = "decline" if news.outcome == "declined" else "counter"
        who = tuple(p for p, a in zip(news.parties, news.answers, strict=False) if a == answer)
        return f"{lead} {_OFFER_VERBS[news.outcome]} {names(world, who)}"
    return f"{lead} {_OFFER_VERBS[news.outcome]} {names(world, news.parties)}"


_OFFER_ENDS = {
    "accepted": "accepted",
    "declined": "declined",
    "countered": "countered",
    "expired": "lapsed unanswered",
}


def describe_cause(world: World, cause: Cause) -> str:
    """Why a number moved, in a phrase: 'Russia: Warn Ankara publicly'."""
    if cause.kind == "decay":
        return "drift back toward the usual level"
    if cause.kind == "hidden":
        text = "an undisclosed move"
        return (
            f"reaction to {actor_name(world, cause.via)}'s shift after {text}"
            if cause.via
            else text
        )
    if cause.kind == "event":
        event = next(e for e in world.scenario.events if e.id == cause.source)
        text = f"event: {event.title}"
    elif cause.kind in _OFFER_ENDS:
        label = world.option(cause.source).label
        maker = possessive(actor_name(world, cause.actor))
        text = f"{maker} offer ({label}) {_OFFER_ENDS[cause.kind]}"
    else:
        text = f"{actor_name(world, cause.actor)}: {world.option(cause.source).label}"
        if cause.kind == "failure":
            text += " (failed)"
    if cause.via:
        text = f"reaction to {actor_name(world, cause.via)}'s shift after {text}"
    if cause.delayed:
        text += " (delayed effect)"
    if cause.branch:
        text += _BRANCH_WORDS[cause.branch]
    return text


_BRANCH_WORDS = {
    "then": " (its condition held)",
    "else": " (its condition did not hold)",
}
"""How a change from a conditional effect says which branch applied."""


def describe_amount(world: World, change: Change) -> str:
    """What moved and by how much, without the cause: 'Russia's view of Turkey: -12 (40 → 28)'."""
    a, b = change.subject
    if change.kind == "rel":
        subject = f"{possessive(actor_name(world, a))} view of {actor_name(world, b)}"
    elif change.kind == "stat":
        subject = f"{actor_name(world, a)}: {stat_label(world, a, b)}"
    else:
        return flag_change_text(world, b, bool(change.after))
    return f"{subject}: {change.delta:+d} ({change.before} → {change.after})"


def describe_change(world: World, change: Change) -> str:
    """'Russia's view of Turkey: -12 (40 → 28), because ...'."""
    if change.kind == "flag":
        return f"{describe_amount(world, change)} ({describe_cause(world, change.cause)})"
    return f"{describe_amount(world, change)}, {describe_cause(world, change.cause)}"
