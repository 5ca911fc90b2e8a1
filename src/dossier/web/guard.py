"""Who may ask the web server anything: the Host check and the access token.

A page on any web site can make the reader's browser send requests to `localhost` under a
name of its own that resolves there ("DNS rebinding"); such requests carry that foreign name
in their `Host` header, so a request is answered only when its Host is a name of this
computer: localhost, 127.0.0.1, [::1], the address the server was told to listen on, the
address the request actually arrived at, or a name given with `--allow-host`.

Listening beyond this computer needs a token: every request then carries it, as
`Authorization: Bearer TOKEN`, or as `?token=TOKEN` once (which sets a cookie and leads on to
the same page without the token in its address).
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from ..errors import DossierError

#: Host names that only this computer answers to.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
#: Addresses that mean "every network interface".
WILDCARD = frozenset({"0.0.0.0", "::", ""})
#: The cookie a `?token=` visit sets.
COOKIE = "dossier_token"
#: Shortest token accepted from a token file.
MIN_TOKEN_CHARS = 16


def split_host(header: str) -> tuple[str, int | None]:
    """`"[::1]:8000"` → `("::1", 8000)`; `"Example.org"` → `("example.org", None)`.

    A malformed header gives `("", None)`, which no rule allows.
    """
    header = header.strip().lower()
    port: str | None = None
    if header.startswith("["):
        name, _, rest = header[1:].partition("]")
        if rest.startswith(":"):
            port = rest[1:]
        elif rest:
            return "", None
    elif header.count(":") == 1:
        name, port = header.split(":")
    elif ":" in header:
        return "", None  # an IPv6 address must be bracketed
    else:
        name = header
    if port is not None:
        if not port.isdigit() or len(port) > 5:
            return "", None
        return name.rstrip("."), int(port)
    return name.rstrip("."), None


@dataclass
class Guard:
    """The rules one server applies to every request."""

    #: The address the server listens on ("127.0.0.1", "0.0.0.0", a LAN address …).
    host: str = "127.0.0.1"
    #: The port it listens on; None when unknown (a test client), then any port is accepted.
    port: int | None = None
    #: The token every request must carry; None on a loopback-only server without one.
    token: str | None = None
    #: Further host names the server may be reached under (`--allow-host`).
    extra_hosts: frozenset[str] = field(default_factory=frozenset)

    def host_problem(self, header: str | None, arrived_at: str | None) -> str | None:
        """Why a request with this Host header is refused, or None when it is fine.

        `arrived_at` is the local address the connection came in on (the ASGI `server`).
        """
        if not header:
            return "The request names no host (Host header missing)."
        name, port = split_host(header)
        allowed = set(LOOPBACK_NAMES) | self.extra_hosts
        if self.host.lower() not in WILDCARD:
            allowed.add(self.host.lower().strip("[]"))
        if arrived_at:
            allowed.add(arrived_at.lower().strip("[]"))
        if name not in allowed:
            return (
                f"This Dossier server does not answer to the name {header!r}: open it as "
                "http://localhost or by the address it listens on, or start it with "
                "--allow-host NAME (a web page may be trying to read it under a name of "
                "its own)."
            )
        if port is not None and self.port is not None and port != self.port:
            return f"This Dossier server listens on port {self.port}, not {port}."
        return None

    def token_ok(self, presented: Iterable[str | None]) -> bool:
        """True when no token is needed or one of the presented values is the token."""
        if self.token is None:
            return True
        expected = self.token.encode()
        return any(
            value is not None and hmac.compare_digest(value.encode(), expected)
            for value in presented
        )


def bearer(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def without_token(path: str, params: list[tuple[str, str]]) -> str:
    """The same address with its `token` parameter removed."""
    rest = [(k, v) for k, v in params if k != "token"]
    return path + (f"?{urlencode(rest)}" if rest else "")


def read_token_file(path: Path) -> tuple[str, bool]:
    """The token kept in `path`, made (random, readable by its owner only) when the file does
    not exist yet; returns (token, whether it was made now)."""
    if not path.exists():
        token = secrets.token_urlsafe(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise DossierError(f"{path}: cannot create the token file ({exc.strerror}).") from exc
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token + "\n")
        return token, True
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise DossierError(f"{path}: cannot read the token file ({exc}).") from exc
    if len(token) < MIN_TOKEN_CHARS or any(ch.isspace() for ch in token):
        raise DossierError(
            f"{path}: the token in it must be one word of at least {MIN_TOKEN_CHARS} characters; "
            "delete the file to have a new one made."
        )
    return token, False
