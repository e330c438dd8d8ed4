"""Store fixtures: a real PostgreSQL server for the tests, and an empty database per test.

The server is a throwaway cluster started once per session (``pg_server``), unless
``ONRECORD_TEST_PG_URL`` names one to use instead (the user needs CREATEDB: each test gets a
database of its own, dropped afterwards). Tests skip only when no PostgreSQL server binaries
exist at all; a server that is there but fails to start is an error.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import psycopg
import pytest
from pg_server import URL_ENV, database_url, find_bindir, throwaway_server

_names = itertools.count()


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    given = os.environ.get(URL_ENV)
    if given:
        yield given
        return
    if find_bindir() is None:
        pytest.skip(f"no PostgreSQL server binaries (initdb, pg_ctl) here and {URL_ENV} is "
                    "not set; .ci/run installs Debian's postgresql")
    with throwaway_server() as url:
        yield url


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    name = f"onrecord_test_{os.getpid()}_{next(_names)}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield database_url(pg_server_url, name)
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
