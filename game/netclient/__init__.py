"""Clients of the class server: the headless bot, a seat's link with reconnection, the
instructor's HTTP calls, and the network ``GameSession`` behind `detente join`.

Nothing here imports the engine: a client knows the game only by the frames the server
sends for its seat (docs/protocol.md).
"""
