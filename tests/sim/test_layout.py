"""How game/sim is put together: no import cycle, one list of policy names."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from game.cli import build_parser, simulate_policies
from game.sim.policies import policy_named
from game.sim.policy_names import POLICY_NAMES, canonical

SIM = Path(__file__).resolve().parents[2] / "game" / "sim"


def sim_imports() -> dict[str, set[str]]:
    """Per module of game.sim, the game.sim modules it imports, at the top or in a function."""
    graph: dict[str, set[str]] = {}
    for path in SIM.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("game.sim."):
                found.add(node.module.split(".")[2])
            elif isinstance(node, ast.Import):
                found |= {
                    a.name.split(".")[2] for a in node.names if a.name.startswith("game.sim.")
                }
        graph[path.stem] = found - {path.stem}
    return graph


def test_game_sim_has_no_import_cycle():
    graph = sim_imports()
    assert "batch" in graph["simulate"] and "runs" in graph["batch"]
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as cycle:  # pragma: no cover - the failure message
        raise AssertionError(f"import cycle in game/sim: {cycle.args[1]}") from None
    assert order.index("runs") < order.index("batch") < order.index("simulate")
    assert "simulate" not in graph["balance"] | graph["batch"] | graph["runs"]


def test_every_policy_name_is_offered_and_builds_a_policy():
    commands = build_parser()._subparsers._group_actions[0].choices
    policy = next(a for a in commands["run"]._actions if a.dest == "policy")
    assert tuple(policy.choices) == POLICY_NAMES
    # simulate's --policy also takes ROLE=POLICY (with --seats): it names and checks them
    policy = next(a for a in commands["simulate"]._actions if a.dest == "policy")
    for name in POLICY_NAMES:
        assert name in policy.help
        assert simulate_policies([name], None)[0] == canonical(name)
        assert simulate_policies([f"TUR={name}"], "TUR,USA")[1] == (("TUR", canonical(name)),)
    for name in POLICY_NAMES:
        assert callable(policy_named(name))
