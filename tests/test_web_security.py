"""`dossier serve` on a newsroom network: requests under a foreign Host name are refused (DNS
rebinding), and a server that listens beyond this computer needs its token on every request."""

from __future__ import annotations

import http.client
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import dossier
from dossier.cli import app as cli
from dossier.errors import DossierError
from dossier.web import create_app, serve
from dossier.web.guard import COOKIE, Guard, read_token_file, split_host

WRITER = Path(__file__).with_name("store_writer.py")
SRC = str(Path(dossier.__file__).resolve().parents[1])
TOKEN = "k3P9-secret-token-of-this-test"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "d.db"
    subprocess.run(
        [sys.executable, str(WRITER), str(path), "2"],
        check=True,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    return path


def test_host_header_parsing() -> None:
    assert split_host("LocalHost:8000") == ("localhost", 8000)
    assert split_host("[::1]:8000") == ("::1", 8000)
    assert split_host("example.org.") == ("example.org", None)
    assert split_host("::1") == ("", None)  # unbracketed IPv6 with a port is ambiguous
    assert split_host("host:80x") == ("", None)


@pytest.mark.parametrize(
    "host", ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "localhost", "127.0.0.1"]
)
def test_loopback_names_are_answered(db: Path, host: str) -> None:
    with TestClient(create_app(db, Guard(port=8000))) as client:
        assert client.get("/index.json", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["attacker.example", "attacker.example:8000", "localhost.attacker.example:8000"]
)
def test_foreign_host_names_get_400(db: Path, host: str) -> None:
    with TestClient(create_app(db, Guard(port=8000))) as client:
        reply = client.get("/index.json", headers={"Host": host})
        page = client.get("/", headers={"Host": host})
    assert reply.status_code == 400
    assert "does not answer to the name" in reply.json()["error"]["detail"]
    assert page.status_code == 400 and "does not answer to the name" in page.text


def test_wrong_port_gets_400(db: Path) -> None:
    with TestClient(create_app(db, Guard(port=8000))) as client:
        reply = client.get("/index.json", headers={"Host": "localhost:9000"})
    assert reply.status_code == 400
    assert "port 8000" in reply.json()["error"]["detail"]


def test_names_given_with_allow_host_are_answered(db: Path) -> None:
    guard = Guard(port=8000, extra_hosts=frozenset({"dossier.newsroom.lan"}))
    with TestClient(create_app(db, guard)) as client:
        ok = client.get("/index.json", headers={"Host": "dossier.newsroom.lan:8000"})
        refused = client.get("/index.json", headers={"Host": "other.newsroom.lan:8000"})
    assert ok.status_code == 200 and refused.status_code == 400


def remote_client(db: Path) -> TestClient:
    """A client of a server listening on every interface, reached at its LAN address."""
    guard = Guard(host="0.0.0.0", port=8000, token=TOKEN)
    return TestClient(create_app(db, guard), base_url="http://10.0.0.7:8000")


def test_without_the_token_every_request_gets_401(db: Path) -> None:
    with remote_client(db) as client:
        for path in ("/", "/index.json", "/entity/1", "/static/style.css", "/openapi.json"):
            reply = client.get(path)
            assert reply.status_code == 401, path
        wrong = client.get("/index.json", headers={"Authorization": "Bearer wrong-token-123456"})
        assert wrong.status_code == 401
        assert "access token" in wrong.json()["error"]["detail"]
        assert client.get(f"/index.json?token={TOKEN[:-1]}").status_code == 401


def test_bearer_token_is_accepted(db: Path) -> None:
    with remote_client(db) as client:
        reply = client.get("/index.json", headers={"Authorization": f"Bearer {TOKEN}"})
    assert reply.status_code == 200 and reply.json()["counts"]["documents"] == 2


def test_token_in_the_address_sets_a_cookie_once(db: Path) -> None:
    with remote_client(db) as client:
        first = client.get(f"/search?q=talk&token={TOKEN}", follow_redirects=False)
        assert first.status_code == 303
        assert first.headers["location"] == "/search?q=talk"  # the token leaves the address
        cookie = first.headers["set-cookie"]
        assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
        # the client keeps the cookie: later pages need no token
        assert client.get("/index.json").status_code == 200
        assert client.get("/static/style.css").status_code == 200


def test_the_token_does_not_excuse_a_foreign_host(db: Path) -> None:
    with remote_client(db) as client:
        reply = client.get(
            "/index.json",
            headers={"Host": "attacker.example:8000", "Authorization": f"Bearer {TOKEN}"},
        )
    assert reply.status_code == 400


def test_listening_beyond_loopback_needs_a_token_file(db: Path) -> None:
    with pytest.raises(DossierError, match="--token-file"):
        serve(db, "0.0.0.0", 8000)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert "--token-file" in result.output


def test_token_file_is_made_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "token"
    token, made = read_token_file(path)
    assert made and len(token) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_token_file(path) == (token, False)
    path.write_text("short\n")
    with pytest.raises(DossierError, match="at least"):
        read_token_file(path)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, host: str, path: str = "/index.json") -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        return conn.getresponse().status
    finally:
        conn.close()


def test_real_server_refuses_a_rebound_name(db: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from dossier.cli import main; main()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
        ],
        env={**os.environ, "PYTHONPATH": SRC},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                status = _get(port, f"127.0.0.1:{port}")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        assert status == 200
        assert _get(port, f"localhost:{port}") == 200
        assert _get(port, f"attacker.example:{port}") == 400
    finally:
        proc.terminate()
        proc.wait(timeout=10)
