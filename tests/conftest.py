"""Settings for the whole suite.

Hypothesis runs under the "repeatable" profile unless HYPOTHESIS_PROFILE says otherwise: each
property tries the same examples on every run (derived from the test, not from a random seed),
so a suite that passes on one machine passes on the next, and a failure comes back when the
suite is run again. `make fuzz` uses the "explore" profile: fresh random examples on each
run, and more of them for the fuzzing properties, to search for what the fixed ones miss.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
