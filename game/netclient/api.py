"""The instructor's HTTP calls: open a game, fetch its results."""

from __future__ import annotations

from typing import Any

import aiohttp


class ApiError(Exception):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def http_url(url: str) -> str:
    base = url.rstrip("/")
    if base.startswith("ws://"):
        return "http://" + base[5:]
    if base.startswith("wss://"):
        return "https://" + base[6:]
    return base if base.startswith(("http://", "https://")) else "http://" + base


async def _call(method: str, url: str, **kwargs: Any) -> dict[str, Any]:
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session,
            session.request(method, url, **kwargs) as response,
        ):
            data = await response.json(content_type=None)
            if response.status >= 400:
                message = data.get("error") if isinstance(data, dict) else None
                raise ApiError(f"the server refused: {message or response.status}", 1)
            if not isinstance(data, dict):
                raise ApiError("the server's answer is not a JSON object", 3)
            return data
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        raise ApiError(f"cannot reach the server at {url}: {error}", 2) from None
    except ValueError:
        raise ApiError(f"{url} does not answer as a Détente server", 2) from None


async def open_game(url: str, **fields: Any) -> dict[str, Any]:
    body = {name: value for name, value in fields.items() if value is not None}
    return await _call("POST", f"{http_url(url)}/api/games", json=body)


async def results(url: str, code: str, key: str) -> dict[str, Any]:
    return await _call(
        "GET",
        f"{http_url(url)}/api/games/{code}/results",
        headers={"Authorization": f"Bearer {key}"},
    )
