"""Exit codes shared by every `detente` command, and by the code that opens a game for play.

0 success; 1 the input was read but is wrong (errors in a scenario, a failed expectation, an
illegal move); 2 the input could not be read at all (missing file, not YAML, not a save) or the
command line is wrong; 3 an internal error (a bug).
"""

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_UNREADABLE = 2
EXIT_INTERNAL = 3
