"""Connections to the hub's PostgreSQL database, and the one error a hub command shows plainly.

Every `township hub` command takes `--db` as a libpq URL (postgresql://user@host:port/name, or a
unix socket folder as `?host=/path`). A database that cannot be reached is the operator's problem,
not a bug: it becomes a HubError with libpq's one-line reason.
"""

from __future__ import annotations

import psycopg

from desktop.core.errors import UserError
from desktop.core.i18n import Text


class HubError(UserError):
    """A hub command or request refused for a reason the operator or the sender can act on."""


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection:
    try:
        return psycopg.connect(url, autocommit=autocommit, connect_timeout=10)
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise HubError(Text(f"cannot reach the hub database: {reason}",
                            f"无法连接中心数据库：{reason}"), code="db-unreachable") from None
