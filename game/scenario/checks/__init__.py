"""Whole-scenario checks, one module per kind of element.

``game.scenario.validate.validate`` builds a ``CheckContext`` and runs these in a fixed
order; each module checks one part of the format and reports through the context:

- ``header``: start date, default role, the rules' thresholds, `known_unreachable`;
- ``actors``: actor ids and count, playable roles, alliance members, relations;
- ``goals``: each actor's stats and goals; a computer government with options, no goals;
- ``options``: options (who may take them, `requires:`, chance and delay);
- ``effects``: the effects of options and events;
- ``events``: scripted and triggered events;
- ``endings``: endings, the fallback, scores for every playable role, conditions out of
  reach at the turns they are tried or of the stats play can reach (``reach``);
- ``shadowing``: endings an earlier ending always beats, a fallback never reached;
- ``transcripts``: the scenario's `tests:` and their steps;
- ``size``: one game, and the tests' replays, within what the engine plays in bounded time;
- ``briefs``: a brief's citation and facts, and the facts elements cite;
- ``flags``: flags read but never set, and set but never read;
- ``conditions``: names, types and satisfiability of every condition and measure;
- ``references``: ids that must exist or be unique.
"""
