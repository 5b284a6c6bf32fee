"""A checked scenario, as the loader hands it over and the engine builds a world from it.

Kept apart from the loader so the engine can name this type without importing the loader's
file reading and YAML parsing (the import contracts in pyproject.toml hold it to that).
"""

from __future__ import annotations

import attrs

from game.scenario.model import Brief, Fact, Scenario


@attrs.frozen
class LoadedScenario:
    """A checked scenario with the briefs it cites.

    Attributes:
        scenario: The scenario model.
        briefs: The briefs listed under `sources:`, loaded.
        path: The file it came from ('' for text loaded from memory).
    """

    scenario: Scenario
    briefs: tuple[Brief, ...] = ()
    path: str = ""

    @property
    def facts(self) -> dict[str, Fact]:
        return {fact.id: fact for brief in self.briefs for fact in brief.facts}
