"""Every transcript under tests/playthroughs replays as written, and together they cover each
shipped scenario: every playable role plays at least once, every ending is reached at least
once, and each transcript checks the position along the way, not only at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import World
from game.scenario import load_scenario
from game.sim.transcript import check_steps, load_transcript, players, replay

HERE = Path(__file__).parent / "playthroughs"
TRANSCRIPTS = sorted(HERE.glob("*.yaml"))
SCENARIOS = sorted((Path(__file__).parents[1] / "scenarios").glob("*.yaml"))


def _load(path: Path):
    transcript, problems = load_transcript(path)
    assert transcript is not None, [p.format() for p in problems]
    result = load_scenario(transcript.scenario_path)
    assert result.loaded is not None, [d.format() for d in result.diagnostics if d.is_error]
    return transcript, World.build(result.loaded)


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_transcript_replays_with_every_expectation_met(path):
    transcript, world = _load(path)
    t = transcript.transcript
    assert check_steps(world, t.steps, t.seats) == []
    outcome = replay(world, players(t), t.seed, t.steps, transcript.step_lines)
    assert outcome.passed, "\n".join(f"{path}:{f.line}: {f.message}" for f in outcome.failures)
    assert outcome.state.over, f"{path}: the transcript stops before the game ends"
    checks = [s for s in t.steps if s.expect or s.available or s.unavailable]
    assert checks, f"{path}: a playthrough should check the position along the way"
    assert t.steps[-1].ending == outcome.state.ending


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_transcripts_cover_every_role_and_every_ending(scenario):
    result = load_scenario(scenario)
    assert result.loaded is not None
    world = World.build(result.loaded)
    roles, endings = set(), set()
    for path in TRANSCRIPTS:
        transcript, _ = load_transcript(path)
        if transcript is None or Path(transcript.scenario_path).resolve() != scenario.resolve():
            continue
        roles.update(transcript.transcript.seats or (transcript.transcript.role,))
        endings.update(s.ending for s in transcript.transcript.steps if s.ending)
    assert set(world.playable) <= roles, f"roles never played: {set(world.playable) - roles}"
    missing = {e.id for e in world.endings} - endings - set(world.scenario.known_unreachable)
    assert not missing, f"endings no transcript reaches: {sorted(missing)}"


def test_class_games_with_two_to_four_seats_are_checked_turn_by_turn():
    """Games with several seats replay as written (above); here: there are enough of them,
    with two, three and four seats, and every turn is followed by its expectations."""
    sizes = []
    for path in TRANSCRIPTS:
        transcript, _ = load_transcript(path)
        assert transcript is not None
        t = transcript.transcript
        if t.seats is None:
            continue
        sizes.append(len(t.seats))
        steps = t.steps
        for i, step in enumerate(steps):
            if step.play is not None:
                assert set(step.play) == set(t.seats), f"{path}: step {i + 1}"
                assert steps[i + 1].expect is not None, f"{path}: turn without expectations"
        assert steps[-1].ending, f"{path}: a class game should end with its ending"
    assert len(sizes) >= 6
    assert {2, 3, 4} <= set(sizes)
