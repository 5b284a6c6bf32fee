"""The class server: one authoritative process that runs class games over WebSockets.

Modules, one job each: ``storage`` (the database: games, members, the append-only event
log, snapshots, schema versions), ``tokens`` (seat tokens, instructor keys, join codes),
``protocol`` (the frames: parsing, limits, errors), ``clients`` (a connection's queue and
rate limits), ``hub`` (the games, and who a connection speaks for), ``replay`` (a game
rebuilt from its log through the engine), ``runtime`` (a live game: the turn clock,
deadlines, absent seats, messages, the instructor's actions), ``views`` (what each seat is
sent), ``app`` (the aiohttp application) and ``serve`` (running it). Nothing here imports
Textual or a screen; docs/protocol.md describes the wire.
"""
