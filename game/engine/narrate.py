"""Turning what happened into words a student reads: headlines, causes, dates.

Pure text from the scenario's own content; the app, the CLI's turn log and the debrief all
use these so a move reads the same everywhere.
"""

from __future__ import annotations

from game.engine.state import Cause, Change, Choice, TurnReport
from game.engine.world import World


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
    return lines


def describe_cause(world: World, cause: Cause) -> str:
    """Why a number moved, in a phrase: 'Russia: Warn Ankara publicly'."""
    if cause.kind == "decay":
        return "drift back toward the usual level"
    if cause.kind == "event":
        event = next(e for e in world.scenario.events if e.id == cause.source)
        text = f"event: {event.title}"
    else:
        text = f"{actor_name(world, cause.actor)}: {world.option(cause.source).label}"
        if cause.kind == "failure":
            text += " (failed)"
    if cause.via:
        text = f"reaction to {actor_name(world, cause.via)}'s shift after {text}"
    if cause.delayed:
        text += " (delayed effect)"
    return text


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
