"""How far `check --deep` searches by default, apart from the search so that the command
line can show the defaults without importing the engine (which would slow every command's
start)."""

DEFAULT_POSITIONS = 20_000
"""`check --deep`'s default budget of positions: enough for every shipped scenario to reach
each of its options, events and endings (benchmarks/deep_check.py measures it), the same on
every machine."""

DEFAULT_TIME_LIMIT = 600.0
"""`check --deep`'s safety cap in seconds: far above what the default budget takes on a
loaded machine, so it only stops a search that would otherwise run away."""
