"""Seat tokens, instructor keys and join codes: random, and stored only as hashes.

Tokens and keys come from ``secrets`` (256 bits); the database keeps their SHA-256, which is
enough for random values of that size (nothing to brute-force, so no slow hash is needed).
Join codes are short and typed by students: six letters from an alphabet without look-alikes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

CODE_ALPHABET = "ACDEFHJKMNPQRTUVWXY"
"""No B/8, G/6, I/1/L, O/0, S/5, Z/2: a code read aloud or off a projector is typed right."""
CODE_LENGTH = 6


def new_token() -> str:
    """A seat token or an instructor key: 43 URL-safe characters, never starting with '-'
    (which a command line would read as an option: `detente results ... --key -x...`)."""
    while True:
        token = secrets.token_urlsafe(32)
        if not token.startswith("-"):
            return token


def digest(token: str) -> str:
    """What the database keeps of a token or key."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_digest(token: str, stored: str) -> bool:
    """Whether ``token`` is the one whose digest is ``stored`` (compared in constant time)."""
    return hmac.compare_digest(digest(token), stored)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text: str) -> str:
    """A code as typed (any case, spaces or dashes) in its stored form."""
    return "".join(c for c in text.upper() if c.isalnum())
