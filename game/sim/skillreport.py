"""The skill table of ``detente simulate --skill``, as text or JSON.

One row per role with the issue's columns (random, the computer, the lookahead player, the
best one-button strategy, the dice spreads), then per role the one-button strategies, the
endings the lookahead player reached and the targets it misses.
"""

from __future__ import annotations

from typing import Any

import attrs

from game.engine import World
from game.sim.skill import BEST_ENDING_SHARE, LEAD_OVER_BUTTON, LEAD_OVER_RANDOM, RoleSkill


def _spread(s: Any) -> str:
    return f"{s.median:g} ({s.p10:g}-{s.p90:g})"


def render_text(world: World, path: str, skills: list[RoleSkill], settings: str) -> str:
    """The table and each role's details; warnings last, so a reader sees them."""
    lines = [
        f"Skill of {world.scenario.title} ({path})",
        settings,
        "Median score (p10-p90):",
        "",
        f"{'role':<6} {'random':>14} {'ai':>14} {'lookahead':>14} {'best one-button':>14}",
    ]
    for skill in skills:
        name, best = skill.best_button
        lines.append(
            f"{skill.role:<6} {_spread(skill.random):>14} {_spread(skill.ai):>14} "
            f"{_spread(skill.lookahead):>14} {_spread(best):>14}  always {name}"
        )
    for skill in skills:
        lines += ["", f"== {skill.role} =="]
        lines.append("One-button strategies (always X where available, else any option):")
        for option, spread in sorted(skill.buttons, key=lambda pair: -pair[1].median):
            lines.append(f"  {option:<28} {_spread(spread):>14}")
        lines.append(f"Endings the lookahead player reached ({skill.lookahead.runs} games):")
        for ending, count in sorted(skill.endings.items(), key=lambda pair: -pair[1]):
            mark = "  (best for the role)" if ending in skill.best_endings else ""
            lines.append(f"  {ending:<28} {count:>5} {count / skill.lookahead.runs:>7.1%}{mark}")
        lines.append(f"Dice spread of its own choices (p10-p90): {skill.lookahead.width:g} points")
    warnings = [(s.role, w) for s in skills for w in s.warnings]
    lines += [
        "",
        f"Targets: lookahead median beats random by >= {LEAD_OVER_RANDOM:g} and the best "
        f"one-button strategy by >= {LEAD_OVER_BUTTON:g}; its p10-p90 spread is smaller than "
        f"its lead over random; the role's best ending in >= {BEST_ENDING_SHARE:.0%} of its games.",
    ]
    lines += [f"warning: {role}: {text}" for role, text in warnings]
    lines.append(f"{len(warnings)} warning(s).")
    return "\n".join(lines)


def render_json(
    world: World, path: str, skills: list[RoleSkill], settings: dict[str, Any]
) -> dict[str, Any]:
    """Everything the text shows, with every one-button strategy and option share."""
    return {
        "scenario": path,
        "title": world.scenario.title,
        "settings": settings,
        "targets": {
            "lead_over_random": LEAD_OVER_RANDOM,
            "lead_over_button": LEAD_OVER_BUTTON,
            "best_ending_share": BEST_ENDING_SHARE,
        },
        "roles": [
            {
                "role": s.role,
                "random": attrs.asdict(s.random),
                "ai": attrs.asdict(s.ai),
                "lookahead": attrs.asdict(s.lookahead),
                "buttons": {option: attrs.asdict(spread) for option, spread in s.buttons},
                "best_button": s.best_button[0],
                "endings": s.endings,
                "best_endings": list(s.best_endings),
                "best_ending_share": round(s.best_ending_share, 4),
                "taken": s.taken,
                "warnings": list(s.warnings),
            }
            for s in skills
        ],
    }
