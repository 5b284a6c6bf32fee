"""The scenario format as frozen attrs classes.

These classes mirror the YAML an instructor writes, key for key: a field's name is its YAML key
(or ``metadata["key"]`` where Python forbids the name, as with ``from``). The loader structures
YAML into them and the JSON Schema is generated from them, so this module is the single
description of the format. Field docs (``metadata["doc"]``) become the schema's descriptions,
which editors show on hover.

Nothing here knows about the engine or the UI, and nothing here does I/O.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from game.scenario.expr import Expr

FORMAT_VERSION = 1
"""The `format:` number this code reads. Bumped only for incompatible changes."""


def fld(
    default: Any = attrs.NOTHING,
    *,
    doc: str,
    key: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    pattern: str | None = None,
    example: Any = None,
    max_items: int | None = None,
    why: str = "",
) -> Any:
    """A model field with the documentation and limits the loader and schema share.

    ``max_items`` bounds a list, and ``why`` says in the refusal what the bound protects
    (the checker prints it; the schema gives editors the number)."""
    metadata = {"doc": doc, "key": key, "minimum": minimum, "maximum": maximum}
    metadata |= {"pattern": pattern, "example": example, "max_items": max_items, "why": why}
    if isinstance(default, (list, dict)):
        raise TypeError("use a tuple or a factory for mutable defaults")
    return attrs.field(default=default, metadata=metadata)


MAX_ACTORS = 250
"""Most actors in a scenario: the 193 UN members with room to spare. Every turn visits every
pair of actors (decay, reactions), so a game's time and memory grow with the square of the
count: 1,000 bare actors took 3 s a game, 2,000 took 13 s and 0.5 GB, 8,000 took 141 s and
2.5 GB, and the app 55 s to open at 2,000 (benchmarks/hostile_inputs.py measures them)."""

MAX_OPTIONS = 3_000
"""Most options: the AI weighs each actor's options every turn. (The value budget of the YAML
reader stops a file near 3,300 minimal options anyway; this says so in words.)"""

MAX_GAME_SIZE = 2_500_000
"""Most actors² × turns: the work of one game (pairs of actors visited, turn after turn).
250 actors for 40 turns, 193 for 67, 111 for 200 each play in about 3 s on the project
machine; beyond it a game, and the `tests:` the checker replays, would not."""

MAX_TEST_TURNS = 2 * MAX_GAME_SIZE
"""Most actors² × turns replayed by all of a scenario's `tests:` together: two full games
(three 200-turn tests of a large scenario took 219 s to check)."""

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_]{0,63}$"
"""Ids are identifiers so that conditions can name them without quoting, and short (at most 64
characters) so that they fit in messages, menus and saves."""


@attrs.frozen(kw_only=True)
class Citation:
    """Where a brief's facts come from.

    Attributes:
        outlet: Publication, e.g. "Reuters".
        title: Headline of the piece.
        author: Byline, if any.
        date: Publication date, ISO 8601.
        url: Original address.
        note: Anything a reader should know about the source (republished copy, paywall...).
    """

    outlet: str = fld(doc="Publication that carried the report.")
    title: str = fld(doc="Headline of the report.")
    date: str = fld(doc="Publication date, ISO 8601 (YYYY-MM-DD).", example="2022-03-19")
    url: str = fld("", doc="Original address of the report.")
    author: str = fld("", doc="Byline.")
    note: str = fld("", doc="Anything a reader should know about this source.")


@attrs.frozen(kw_only=True)
class Fact:
    """One claim from a source, in our own words, which scenario elements cite by id."""

    id: str = fld(doc="Short id that options, events and endings cite.", pattern=ID_PATTERN)
    claim: str = fld(doc="The fact, paraphrased; never the source's own sentences.")


@attrs.frozen(kw_only=True)
class Brief:
    """A structured brief of one source: its citation and the facts drawn from it.

    Kept in its own YAML file under ``seeds/`` so several scenarios can cite one brief, or
    written inline in a scenario's ``sources:`` list.
    """

    citation: Citation = fld(doc="Where the facts come from.")
    facts: tuple[Fact, ...] = fld(doc="The facts, each with an id.")
    summary: str = fld("", doc="What the source is about, in a sentence or two.")


@attrs.frozen(kw_only=True)
class Goal:
    """Something a government wants, measured by a numeric expression.

    The goal's score is the measure rescaled from ``range`` to 0..100; the AI weighs its
    options by how much they move its goals' scores, and the debrief shows each goal's score.
    """

    id: str = fld(doc="Short id of the goal.", pattern=ID_PATTERN)
    label: str = fld(doc="What the goal is, as the player reads it.")
    measure: Expr = fld(
        doc="Numeric expression to maximise, e.g. `rel(USA, TUR)` or `stat(TUR, support)`.",
        example="rel(USA, TUR)",
    )
    weight: float = fld(1.0, doc="Importance relative to the actor's other goals.", minimum=0)
    range: tuple[float, float] | None = fld(
        None,
        doc="The measure's worst and best values. Inferred from score bounds when omitted.",
    )


@attrs.frozen(kw_only=True)
class AIProfile:
    """How a computer-run government chooses."""

    noise: float = fld(
        5.0,
        doc="Random spread added to each option's value, in goal points (0 = always the "
        "best-looking option).",
        minimum=0,
    )
    wait_bias: float = fld(
        0.0,
        doc="Extra value given to doing nothing; raise it for a cautious government.",
    )
    repeat_penalty: float = fld(
        3.0,
        doc="Goal points an option loses once this government has taken it: it does not "
        "repeat a move turn after turn unless that move is clearly best (0 = no memory).",
        minimum=0,
    )


@attrs.frozen(kw_only=True)
class Actor:
    """A government, alliance or organisation in the crisis."""

    id: str = fld(
        doc="Short id; states use ISO 3166 alpha-3 codes (TUR, USA).",
        pattern=ID_PATTERN,
        example="TUR",
    )
    name: str = fld(doc="Full name shown to players.")
    short_name: str = fld(
        "",
        doc="The name in sentences (reasons, stakes, reports, the debrief) when `name` is long "
        "there: `Russia` for `Russian Federation`. Lists, panels and titles keep `name`.",
        example="Russia",
    )
    kind: Literal["state", "alliance", "organisation"] = fld("state", doc="What sort of actor.")
    leader: str = fld("", doc="Who speaks for the actor during the crisis.")
    summary: str = fld("", doc="One paragraph on the actor's position.")
    playable: bool = fld(False, doc="Whether a student may play this role.")
    briefing: str = fld("", doc="The role's opening briefing (shown when playing it).")
    members: tuple[str, ...] = fld((), doc="For an alliance: ids of member actors.")
    stats: dict[str, int] = fld(
        attrs.Factory(dict),
        doc="Named numbers such as `support` or `economy`, within the stat bounds.",
    )
    stat_labels: dict[str, str] = fld(
        attrs.Factory(dict),
        doc="What each stat means, as a player reads it: `air_defence: air defence`. Screens, "
        "reports and the debrief show these instead of the stat's name.",
        example={"prices": "world food prices"},
    )
    goals: tuple[Goal, ...] = fld((), doc="What this actor wants; required for playable roles.")
    ai: AIProfile = fld(attrs.Factory(AIProfile), doc="How the computer plays this actor.")


@attrs.frozen(kw_only=True)
class Relation:
    """A starting relation score.

    Directed: ``from: RUS, to: TUR`` is Russia's view of Turkey. ``between: [A, B]`` sets both
    directions at once. Pairs not listed start at 0.
    """

    score: int = fld(doc="Starting score, within the relation bounds.")
    from_: str | None = fld(None, key="from", doc="Whose view this is.")
    to: str | None = fld(None, doc="Of whom.")
    between: tuple[str, ...] | None = fld(None, doc="Two actor ids: sets both directions.")
    baseline: int | None = fld(
        None, doc="Where the score drifts back to when left alone. Defaults to `score`."
    )


@attrs.frozen(kw_only=True)
class Effect:
    """One change an option or event makes. Exactly one of rel, stat or flag is given."""

    rel: str | None = fld(
        None,
        doc="`A -> B` changes A's view of B; `A <-> B` changes both views. In an option, "
        "SELF is the actor taking it.",
        example="RUS -> TUR",
    )
    stat: str | None = fld(None, doc="`ACTOR.stat`, e.g. `TUR.support`.", example="TUR.support")
    flag: str | None = fld(None, doc="A flag to set (or clear with `set: false`).")
    change: int | None = fld(None, doc="Amount to add to a relation or stat (negative to lower).")
    set: int | bool | None = fld(
        None, doc="Value to set: a number for a relation or stat, true/false for a flag."
    )
    propagate: bool = fld(
        True,
        doc="For `rel`: whether the viewer's allies and enemies react too (see rules).",
    )
    if_: Expr | None = fld(
        None,
        key="if",
        doc="Makes this a conditional effect: when the condition holds as the effect lands, "
        "the effects under `then:` apply, otherwise those under `else:` (no rel, stat or flag "
        "of its own).",
        example="stat(TUR, support) < 40",
    )
    then: tuple[Effect, ...] = fld((), doc="With `if:`: what happens when the condition holds.")
    else_: tuple[Effect, ...] = fld(
        (), key="else", doc="With `if:`: what happens when the condition does not hold."
    )

    @property
    def conditional(self) -> bool:
        """Whether this is an `if:` effect (branches rather than one change)."""
        return self.if_ is not None or bool(self.then) or bool(self.else_)


OFFER_ANSWERS = ("accept", "decline")
"""The answers every offer has; an offer with a `counter:` has a third, ``counter``."""


@attrs.frozen(kw_only=True)
class Counter:
    """A third answer to an offer: the party proposes other terms instead of a plain no."""

    label: str = fld(doc="The counter-proposal as the party reads it among the answers.")
    effects: tuple[Effect, ...] = fld((), doc="What happens when a party answers with it.")


@attrs.frozen(kw_only=True)
class Offer:
    """Terms one government proposes to others, who each answer on their next turns.

    Written under an option's `offer:` key: taking the option makes the offer (the option's
    own `effects:` land at once). Every party named in `to:` must accept for the terms to
    hold; one refusal ends it. An offer left unanswered for `expires` turns lapses.
    """

    to: tuple[str, ...] = fld(
        doc="Ids of the governments that must all accept (SELF is the one making the offer).",
        example=["RUS", "UKR"],
    )
    terms: str = fld(doc="What is proposed, as the parties read it when they answer.")
    expires: int = fld(
        2,
        doc="Turns the parties have to answer (from the turn after the offer is made).",
        minimum=1,
        maximum=200,
    )
    on_accept: tuple[Effect, ...] = fld(doc="What happens when every party has accepted.")
    on_decline: tuple[Effect, ...] = fld((), doc="What happens when a party declines.")
    on_expire: tuple[Effect, ...] = fld(
        (), doc="What happens when the time runs out before every party has answered."
    )
    counter: Counter | None = fld(
        None, doc="A third answer besides accept and decline: a counter-proposal."
    )

    @property
    def answers(self) -> tuple[str, ...]:
        """The answers a party may give, in the order screens list them."""
        return (*OFFER_ANSWERS, "counter") if self.counter is not None else OFFER_ANSWERS


BASIS_DOC = (
    "How it stands against the record: `documented` (the cited facts state it), `plausible` "
    "(consistent with the facts, not documented) or `invented` (a what-if). Shown to students "
    "beside the option, event or ending; required on shipped scenarios."
)
"""What the ``basis:`` key means, said once for options, events and endings."""

Basis = Literal["documented", "plausible", "invented"]


@attrs.frozen(kw_only=True)
class Option:
    """A move a government can make on its turn."""

    id: str = fld(doc="Short id, unique among options.", pattern=ID_PATTERN)
    by: tuple[str, ...] = fld(doc="Ids of the actors who may take this option.")
    label: str = fld(doc="The option as listed on screen (a short imperative).")
    description: str = fld("", doc="What the option means and why one might take it.")
    requires: Expr | None = fld(
        None, doc="Condition under which the option is available.", example="turn >= 2"
    )
    effects: tuple[Effect, ...] = fld((), doc="What happens if it succeeds.")
    chance: float = fld(1.0, doc="Probability of success, 0..1.", minimum=0, maximum=1)
    otherwise: tuple[Effect, ...] = fld((), doc="What happens instead if it fails.")
    delay: int = fld(0, doc="Turns before the effects land (0 = this turn).", minimum=0)
    once: bool = fld(False, doc="Whether each actor may take it only once per game.")
    ai_weight: float = fld(
        0.0, doc="Extra value the AI sees in this option, in goal points (may be negative)."
    )
    why_not: str = fld(
        "",
        doc="Why the option is closed, in the player's words, shown when `requires:` fails "
        "(otherwise the game words the failing part of the condition itself).",
    )
    news: str = fld("", doc="Headline when another government takes it ({actor} = its name).")
    facts: tuple[str, ...] = fld((), doc="Ids of the seed facts this option rests on.")
    offer: Offer | None = fld(
        None,
        doc="Makes this option an offer: terms that other governments accept or decline on "
        "their next turns.",
    )
    secret: bool = fld(
        False,
        doc="A private move: only its maker and the governments in `reveal_to:` learn that "
        "it was made; the others see its effects as 'an undisclosed move'.",
    )
    reveal_to: tuple[str, ...] = fld(
        (), doc="For a secret option: ids of the governments that learn of it at once."
    )
    revealed_after: int | None = fld(
        None,
        doc="For a secret option: turns after which everyone learns of it (it is news then).",
        minimum=1,
        maximum=200,
    )
    basis: Basis | None = fld(None, doc=BASIS_DOC)


@attrs.frozen(kw_only=True)
class Event:
    """Something that happens to the players: on a set turn, or when a condition holds."""

    id: str = fld(doc="Short id, unique among events.", pattern=ID_PATTERN)
    title: str = fld(doc="Headline.")
    text: str = fld("", doc="The news item.")
    turn: int | None = fld(None, doc="Fire on this turn (scripted event).", minimum=1)
    when: Expr | None = fld(None, doc="Fire when this holds (triggered event).")
    chance: float = fld(1.0, doc="Probability it fires when due.", minimum=0, maximum=1)
    once: bool = fld(True, doc="Whether it can fire only once.")
    effects: tuple[Effect, ...] = fld((), doc="What it changes.")
    facts: tuple[str, ...] = fld((), doc="Ids of the seed facts it rests on.")
    basis: Basis | None = fld(None, doc=BASIS_DOC)


@attrs.frozen(kw_only=True)
class Ending:
    """How the crisis can end, and what it is worth to each role."""

    id: str = fld(doc="Short id, unique among endings.", pattern=ID_PATTERN)
    title: str = fld(doc="The ending's headline.")
    text: str = fld("", doc="The debrief's account of this outcome.")
    when: Expr | None = fld(
        None, doc="Condition; omit on exactly one ending, the fallback when turns run out."
    )
    at: Literal["end", "any"] = fld(
        "end",
        doc="`end`: checked after the last turn; `any`: checked after every turn (crises "
        "that end the game early).",
    )
    scores: dict[str, int] = fld(
        attrs.Factory(dict),
        doc="Value of this outcome to each role, 0..100 (roles left out get 50).",
    )
    facts: tuple[str, ...] = fld((), doc="Ids of the seed facts it rests on.")
    basis: Basis | None = fld(None, doc=BASIS_DOC)


@attrs.frozen(kw_only=True)
class Rules:
    """Constants of the simulation, with defaults that suit most crises."""

    relation_bounds: tuple[int, int] = fld((-100, 100), doc="Lowest and highest relation score.")
    stat_bounds: tuple[int, int] = fld((0, 100), doc="Lowest and highest stat value.")
    decay: float = fld(
        0.1,
        doc="Share of the gap to baseline that a relation left alone closes each turn.",
        minimum=0,
        maximum=1,
    )
    ally_threshold: int = fld(40, doc="X counts as Y's ally when X's view of Y is at least this.")
    enemy_threshold: int = fld(-40, doc="X counts as Y's enemy when X's view of Y is at most this.")
    ally_reaction: float = fld(
        0.3,
        doc="When A's view of B moves by d, each ally of A moves its view of B by this × d.",
        minimum=0,
        maximum=1,
    )
    enemy_reaction: float = fld(
        0.2,
        doc="...and each enemy of A moves its view of B by this × -d.",
        minimum=0,
        maximum=1,
    )
    reactions: Literal["grievances", "all"] = fld(
        "grievances",
        doc="Which changes set off reactions. `grievances` (the default): only a view that "
        "falls, and only in others with no firm view of their own of the one who fell "
        "(neither its ally nor its enemy). `all`: every first-hand change, in every ally and "
        "enemy of the viewer (the rule before issue 14).",
    )
    ending_share: float = fld(
        0.5,
        doc="Share of the final score that comes from the ending (the rest from goals).",
        minimum=0,
        maximum=1,
    )


@attrs.frozen(kw_only=True)
class TestStep:
    """One step of an in-scenario test or a transcript. Give exactly one key."""

    choose: str | None = fld(None, doc="The role takes this option.")
    expect: Expr | None = fld(None, doc="This condition must hold now.")
    available: tuple[str, ...] | None = fld(None, doc="These options must be available now.")
    unavailable: tuple[str, ...] | None = fld(None, doc="These must not be available now.")
    ending: str | None = fld(None, doc="The game must have ended with this ending.")
    wait: bool | None = fld(
        None, doc="`wait: true`: the role has no option this turn and lets it pass."
    )
    play: dict[str, str | None] | None = fld(
        None,
        doc="In a transcript with `seats:`, one turn: every seat's option "
        "(`TUR: tur_offer_mediation`), or null where that seat has nothing to do.",
    )
    answer: dict[str, dict[str, str]] | None = fld(
        None,
        doc="Answers to open offers, given with the next turn's move: per role, per offer "
        "(the option that made it), `accept`, `decline` or `counter`.",
        example={"TUR": {"usa_offer_f35": "accept"}},
    )
    offer: dict[str, str] | None = fld(
        None,
        doc="Offers must stand so now: per offer, `open`, `accepted`, `declined`, "
        "`countered` or `expired` (the last time it was made).",
    )


STEP_KEYS = tuple(field.name for field in attrs.fields(TestStep))
"""The keys a step may have (exactly one each), in the order messages list them."""


MAX_STEPS = 2_000
"""Most steps of one test or transcript: 200 turns, each with a choice and a few
expectations, and room to spare."""


@attrs.frozen(kw_only=True)
class ScenarioTest:
    """A scripted playthrough the checker replays: choices and expectations along the way."""

    name: str = fld(doc="What the test shows.")
    role: str = fld(doc="The playable role that makes the choices.")
    seed: int = fld(0, doc="Random seed for chance and the AI.")
    steps: tuple[TestStep, ...] = fld(
        doc="Choices and expectations, in order.",
        max_items=MAX_STEPS,
        why="a game has at most 200 turns, and each step is checked and replayed",
    )


@attrs.frozen(kw_only=True)
class Phase:
    """A stretch of the game whose turns last a different time: weekly talks, then months."""

    from_turn: int = fld(doc="The first turn of the phase.", minimum=2)
    turn_days: int = fld(doc="In-world days per turn from that turn on.", minimum=1)


@attrs.frozen(kw_only=True)
class HistoryEntry:
    """One dated step of what actually happened, with where it is recorded."""

    date: str = fld(
        doc="When it happened, ISO 8601 (a year-month is allowed).", example="2022-03-10"
    )
    text: str = fld(doc="What happened, in a sentence or two of your own words.")
    source: str = fld(doc="Where it is recorded: a fact id of a brief, or a citation.")


@attrs.frozen(kw_only=True)
class ReflectionPrompt:
    """A question put to the student after a turn's report, or at the end of the game.

    The student may answer in a sentence (or skip it); the answer is kept in the save and
    printed in the debrief, so the instructor reads why as well as what.
    """

    turn: int | None = fld(
        None,
        doc="Ask after this turn's report; leave out to ask at the end of the game.",
        minimum=1,
    )
    prompt: str = fld(
        doc="The question, one or two sentences.",
        example="Why did you choose this move rather than waiting?",
    )


@attrs.frozen(kw_only=True)
class Scenario:
    """A whole crisis: the top level of a scenario file."""

    format: int = fld(doc="Format version; this is version 1.", minimum=1, maximum=1)
    id: str = fld(doc="Short id of the scenario.", pattern=ID_PATTERN)
    title: str = fld(doc="Title shown in the scenario list.")
    summary: str = fld(doc="The situation, in a few paragraphs, for the opening briefing.")
    start_date: str = fld(doc="In-world date of turn 1, ISO 8601.", example="2022-03-21")
    turns: int = fld(doc="Number of turns.", minimum=1, maximum=200)
    turn_days: int = fld(7, doc="In-world days per turn (from turn 1, until a phase).", minimum=1)
    phases: tuple[Phase, ...] = fld(
        (),
        doc="Later stretches of the game whose turns last another time, in order: "
        "`- {from_turn: 5, turn_days: 180}`.",
        max_items=200,
        why="a game has at most 200 turns",
    )
    default_role: str | None = fld(None, doc="Role offered first in the role picker.")
    sources: tuple[str | Brief, ...] = fld(
        (),
        doc="Briefs the scenario cites: paths relative to this file, or inline briefs.",
        max_items=200,
        why="each is a file to find, read and check (45,000 took 9 s)",
    )
    rules: Rules = fld(attrs.Factory(Rules), doc="Simulation constants.")
    actors: tuple[Actor, ...] = fld(
        doc="Governments and organisations.",
        max_items=MAX_ACTORS,
        why="every turn visits every pair of actors, so time and memory grow with the square "
        "of the count",
    )
    flags: dict[str, str] = fld(
        attrs.Factory(dict),
        doc="What each flag means once set, as a player reads it: `s400_mothballed: Turkey "
        "has stored the S-400s`. Screens, reports and the debrief show these, never the id.",
        example={"talks_hosted": "talks have been held in Istanbul"},
    )
    relations: tuple[Relation, ...] = fld((), doc="Starting relation scores.")
    options: tuple[Option, ...] = fld(
        doc="Moves governments can make.",
        max_items=MAX_OPTIONS,
        why="every actor weighs its options every turn",
    )
    events: tuple[Event, ...] = fld(
        (),
        doc="Scripted and triggered events.",
        max_items=1_000,
        why="every event's trigger is tested every turn",
    )
    endings: tuple[Ending, ...] = fld(
        doc="How the crisis can end.",
        max_items=200,
        why="endings are tested every turn and listed in the debrief",
    )
    known_unreachable: tuple[str, ...] = fld(
        (), doc="Ids of options, events or endings the deep check may find unreached on purpose."
    )
    history: tuple[HistoryEntry, ...] = fld(
        (),
        doc="What actually happened, dated and sourced: shown after the ending and in the "
        "debrief, so a class can compare its crisis with the real one.",
        max_items=100,
        why="every entry is shown on the end screen",
    )
    reflection: tuple[ReflectionPrompt, ...] = fld(
        (),
        doc="Questions for the student to answer in a sentence, after chosen turns' reports "
        "and at the end; the answers go into the save and the debrief.",
        max_items=201,
        why="at most one per turn (200) and one at the end",
    )
    tests: tuple[ScenarioTest, ...] = fld(
        (),
        doc="Playthroughs `detente check` replays.",
        max_items=100,
        why="`detente check` replays every test",
    )


@attrs.frozen(kw_only=True)
class Transcript:
    """A scripted playthrough in its own file: how automated games are written.

    Steps are the same as a scenario's `tests:`; the scenario is named by path.
    """

    scenario: str = fld(doc="Path of the scenario file, relative to this transcript.")
    role: str | None = fld(
        None, doc="The playable role that makes the choices (or give `seats:` instead)."
    )
    seats: tuple[str, ...] | None = fld(
        None,
        doc="The playable roles people play in this game, for a game with several seats: "
        "each turn is then a `play:` step with every seat's option.",
    )
    seed: int = fld(0, doc="Random seed for chance and the AI.")
    description: str = fld("", doc="What this playthrough shows.")
    steps: tuple[TestStep, ...] = fld(
        doc="Choices and expectations, in order.",
        max_items=MAX_STEPS,
        why="a game has at most 200 turns, and each step is checked and replayed",
    )
