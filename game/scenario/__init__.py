"""The scenario format: model, loader, checker and schema. Knows nothing of engine or UI."""

from game.scenario.diagnostics import Diagnostic
from game.scenario.loaded import LoadedScenario
from game.scenario.loader import LoadResult, load_scenario, load_scenario_text
from game.scenario.model import Scenario

__all__ = [
    "Diagnostic",
    "LoadResult",
    "LoadedScenario",
    "Scenario",
    "load_scenario",
    "load_scenario_text",
]
