"""Tokens, keys and join codes."""

from __future__ import annotations

from game.server.tokens import CODE_ALPHABET, digest, new_code, new_token, normal_code, same_digest


def test_tokens_are_long_random_and_never_read_as_an_option():
    tokens = {new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    assert all(len(t) == 43 and not t.startswith("-") for t in tokens)


def test_only_the_digest_is_compared():
    token = new_token()
    assert same_digest(token, digest(token))
    assert not same_digest(token + "x", digest(token))
    assert token not in digest(token)


def test_join_codes_avoid_look_alike_letters():
    codes = [new_code() for _ in range(500)]
    assert all(len(c) == 6 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("B8G6I1L0OS5Z2") & set(CODE_ALPHABET)
    assert normal_code("acd-efh ") == "ACDEFH"
