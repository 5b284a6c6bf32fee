"""One game in progress as the app holds it: the position, its history, and its saves.

The app never changes a ``State`` itself; it asks the session to play a turn, which calls
the engine, keeps the relation history for the trend lines, and writes the autosave. Saving
is here rather than in a screen so every way to save (key, palette, quit dialog) is the same.
"""

from __future__ import annotations

from pathlib import Path

from game.debrief import debrief_markdown, relation_history
from game.engine import State, TurnReport, World, new_game, play_turn
from game.saves import atomic_write_text, default_save_dir, save_game


class Session:
    """A game being played: the world, the current state, and what has been saved."""

    def __init__(self, world: World, state: State, scenario_path: str) -> None:
        self.world = world
        self.state = state
        self.scenario_path = scenario_path
        self.history: list[tuple[int, ...]] = list(relation_history(world, state))
        """Relations before turn 1 and after each turn, for trends and the end screen."""
        self.saved_choices: tuple[str | None, ...] = state.choices
        """The choices as last saved with `s`: a loaded game starts saved."""

    @classmethod
    def new(cls, world: World, role: str, seed: int, scenario_path: str) -> Session:
        """A new game from the opening position."""
        return cls(world, new_game(world, role, seed), scenario_path)

    @property
    def role(self) -> str:
        return self.state.role

    @property
    def seed(self) -> int:
        return self.state.seed

    @property
    def last_report(self) -> TurnReport | None:
        return self.state.log[-1] if self.state.log else None

    @property
    def unsaved(self) -> bool:
        """Whether turns were played since the last save the player made."""
        return self.state.choices != self.saved_choices

    def play(self, option_id: str | None) -> TurnReport:
        """Play the player's move through the engine and return the turn's report."""
        self.state = play_turn(self.world, self.state, option_id)
        self.history.append(self.state.rel)
        report = self.last_report
        assert report is not None  # play_turn records a report by default
        return report

    def _name(self, prefix: str = "") -> str:
        return f"{prefix}{self.world.scenario.id}-{self.role}.json"

    @property
    def save_path(self) -> Path:
        """Where `s` saves: one file per scenario and role, so the next save replaces it."""
        return default_save_dir() / self._name()

    @property
    def autosave_path(self) -> Path:
        """Where every turn is saved automatically, apart from the player's own save."""
        return default_save_dir() / self._name("autosave-")

    def save(self) -> Path:
        """Save to ``save_path`` (atomically); SaveError with a readable reason if not."""
        save_game(self.save_path, self.world, self.state, self.scenario_path)
        self.saved_choices = self.state.choices
        return self.save_path

    def autosave(self) -> Path:
        """Write the autosave; the player's own save is left alone."""
        save_game(self.autosave_path, self.world, self.state, self.scenario_path)
        return self.autosave_path

    def debrief_path(self, folder: Path | None = None) -> Path:
        """Where the debrief is exported: the current folder, named after game and seed."""
        name = f"debrief-{self.world.scenario.id}-{self.role}-seed{self.seed}.md"
        return (folder or Path.cwd()) / name

    def export_debrief(self, folder: Path | None = None) -> Path:
        """Write the Markdown debrief atomically; OSError if the folder refuses."""
        path = self.debrief_path(folder)
        atomic_write_text(path, debrief_markdown(self.world, self.state))
        return path
