"""`detente results`: a class game's results as text, JSON, CSV (a gradebook) or Markdown
debriefs (one file per seat)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any


def render_text(data: dict[str, Any]) -> str:
    lines = [
        f"game {data['game']}: {data['scenario']}, seed {data['seed']}, {data['status']}, "
        f"ending {data['ending'] or 'not yet'}"
    ]
    for role, seat in data["seats"].items():
        team = ", ".join(seat["team"]) or "nobody (played by the computer)"
        lines.append(f"{role}: score {seat['score']['total']}; {team}")
        lines.append("  choices: " + " ".join(c or "-" for c in seat["choices"]))
    lines.append(f"{len(data['messages'])} message(s)")
    return "\n".join(lines)


def render_csv(data: dict[str, Any]) -> str:
    """One row per seat: what a gradebook needs, goals as columns."""
    goal_ids = sorted({g for seat in data["seats"].values() for g in seat["score"]["goals"]})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "game",
            "scenario",
            "role",
            "team",
            "ending",
            "score",
            "ending_score",
            *goal_ids,
            "choices",
            "messages_sent",
        ]
    )
    for role, seat in data["seats"].items():
        goals = seat["score"]["goals"]
        sent = sum(1 for m in data["messages"] if m["seat"] == role)
        writer.writerow(
            [
                data["game"],
                data["scenario"],
                role,
                "; ".join(_cell(name) for name in seat["team"]),
                data["ending"] or "",
                seat["score"]["total"],
                seat["score"]["ending"],
                *(goals.get(g, "") for g in goal_ids),
                " ".join(c or "-" for c in seat["choices"]),
                sent,
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    """A spreadsheet does not run a student's name as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_markdown(data: dict[str, Any], folder: Path) -> list[Path]:
    """One debrief per seat (its choices, score and the messages it could read)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for role, seat in data["seats"].items():
        lines = [
            f"# Debrief: {role} in game {data['game']} ({data['scenario']})",
            "",
            f"- Team: {', '.join(seat['team']) or 'nobody (played by the computer)'}",
            f"- Ending: {data['ending'] or 'the game did not reach one'} ({data['status']})",
            f"- Score: {seat['score']['total']} (ending {seat['score']['ending']})",
            "",
            "## Goals",
            "",
            *(f"- {goal}: {value}" for goal, value in seat["score"]["goals"].items()),
            "",
            "## Choices",
            "",
            "| turn | choice | by |",
            "| ---: | --- | --- |",
        ]
        ai = set(seat.get("ai_turns", []))
        for turn, choice in enumerate(seat["choices"], start=1):
            lines.append(f"| {turn} | {choice or '-'} | {'computer' if turn in ai else 'team'} |")
        lines += ["", "## Messages", ""]
        for message in data["messages"]:
            if _reads(role, message):
                to = message["to"] if isinstance(message["to"], str) else ", ".join(message["to"])
                text = message["text"].replace("\n", " ")
                lines.append(
                    f"- turn {message['turn']}, {message['from']} ({message['seat']}) "
                    f"to {to}: {text}"
                )
        path = folder / f"debrief-{data['game']}-{re.sub(r'[^A-Za-z0-9_]', '_', role)}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def _reads(role: str, message: dict[str, Any]) -> bool:
    to = message["to"]
    if to == "all":
        return True
    if to == "team":
        return bool(message["seat"] == role)
    return message["seat"] == role or role in to
