"""A throwaway PostgreSQL server for tests and benchmarks: a fresh cluster in a temporary
directory, reached through a unix socket in that directory (no TCP port to collide with anyone
else's), removed again on exit.

Debian's ``initdb`` refuses to run as root, so when we are root the cluster belongs to the
``postgres`` user and its commands run through ``runuser``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

URL_ENV = "ONRECORD_TEST_PG_URL"
SEARCH_DIRS = (Path("/usr/lib/postgresql"), Path("/usr/local/pgsql"))


def find_bindir() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl`` (newest Debian version first)."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    candidates = sorted(SEARCH_DIRS[0].glob("*/bin"), key=lambda p: _version(p), reverse=True)
    candidates.append(SEARCH_DIRS[1] / "bin")
    return next((d for d in candidates if (d / "initdb").is_file()), None)


def _version(bindir: Path) -> int:
    name = bindir.parent.name
    return int(name) if name.isdigit() else 0


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, text=True)


@contextmanager
def throwaway_server(fsync: bool = False) -> Iterator[str]:
    """Start a cluster and yield a URL to its ``postgres`` database.

    ``fsync=False`` suits tests (nothing needs to survive a power cut); a benchmark that
    compares with SQLite's durable commits passes ``fsync=True``.
    """
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError("no PostgreSQL server binaries (initdb, pg_ctl) found")
    owner = "postgres" if os.geteuid() == 0 else None
    # Short path: a unix socket path must fit in 107 bytes. /tmp lets the owner in.
    root = Path(tempfile.mkdtemp(prefix="onrecord-pg-", dir="/tmp"))
    if owner:
        entry = pwd.getpwnam(owner)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, log = root / "data", root / "server.log"
    try:
        _run(_as_owner([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                        "-A", "trust", "-E", "UTF8", "--no-locale"], owner))
        options = f"-k {root} -c listen_addresses='' -c fsync={'on' if fsync else 'off'}"
        if not fsync:
            options += " -c synchronous_commit=off -c full_page_writes=off"
        _run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log),
                        "-o", options, "-w", "-t", "60", "start"], owner))
    except subprocess.CalledProcessError as error:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"could not start PostgreSQL: {error.stderr.strip()}") from error
    try:
        yield f"postgresql://postgres@/postgres?host={quote(str(root), safe='')}"
    finally:
        subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                  "-w", "stop"], owner), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def database_url(server_url: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``server_url``."""
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))
