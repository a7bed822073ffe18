"""Where the Neo4j store connects, and as whom: ``resolve_settings``.

* the URI: the ``uri`` argument (``policykg … --neo4j-uri URI``), else ``$NEO4J_URI``,
  else the local server of ``policykg neo4j start`` (``bolt://127.0.0.1:7687``, or
  ``$NEO4J_BOLT_PORT``);
* the user: ``$NEO4J_USER`` (default ``neo4j``);
* the password: ``$NEO4J_PASSWORD``, else — for a server on this machine only —
  the local server's credentials file (``~/.config/policykg/neo4j.conf``);
* the database: ``$NEO4J_DATABASE``, else the server's default database;
* how long the driver retries transient failures: ``POLICYKG_NEO4J_RETRY_SECONDS``
  (default 30).

Any Bolt URI scheme is accepted (``bolt://``, ``neo4j://``, ``neo4j+s://`` for Aura
or a cluster, and their ``+s``/``+ssc`` forms). ``shown_uri`` gives a URI for
messages (never its credentials); ``is_local`` tells a server on this machine.
"""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from typing import Mapping, Optional
from urllib.parse import urlsplit

from pipeline.errors import StoreError

DEFAULT_USER = "neo4j"
DEFAULT_RETRY_SECONDS = 30.0
RETRY_ENV = "POLICYKG_NEO4J_RETRY_SECONDS"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_LOCAL_HOSTS = ("localhost",)


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str
    password: str
    password_source: str  # for messages: "NEO4J_PASSWORD", a file, or "the caller"
    database: Optional[str] = None
    retry_seconds: float = DEFAULT_RETRY_SECONDS

    def __repr__(self) -> str:  # never show the password, even in a traceback
        return (f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, password='***', "
                f"password_source={self.password_source!r}, database={self.database!r})")


def is_local(uri: str) -> bool:
    """Does ``uri`` name a server on this machine (loopback address or localhost)?"""
    try:
        host = urlsplit(uri).hostname or ""
    except ValueError:
        return False
    if host.lower() in _LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def shown_uri(uri: str) -> str:
    """``uri`` for messages: without any user:password@ part or query."""
    try:
        parts = urlsplit(uri)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "the given URI"
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}{port}" if parts.scheme else "the given URI"


def _retry_seconds(env: Mapping[str, str]) -> float:
    raw = (env.get(RETRY_ENV) or "").strip()
    if not raw:
        return DEFAULT_RETRY_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0:
        raise StoreError(f"{RETRY_ENV}={raw!r} is not a number of seconds",
                         hint="give a number such as 30, or unset it")
    return value


def resolve_settings(uri: Optional[str] = None, *, user: Optional[str] = None,
                     password: Optional[str] = None, database: Optional[str] = None,
                     env: Optional[Mapping[str, str]] = None) -> Neo4jSettings:
    """Where to connect and as whom: arguments first, then the environment, then the local server."""
    env = os.environ if env is None else env
    uri = (uri or env.get("NEO4J_URI") or "").strip()
    local_default = not uri
    if local_default:
        from pipeline.neo4j.config import load_config

        uri = load_config().bolt_uri
    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        shown = shown_uri(uri) if scheme or "@" in uri else repr(uri)
        raise StoreError(f"{shown} is not a Neo4j Bolt URI",
                         hint="give bolt://HOST:7687, or neo4j+s://HOST for Aura or a cluster")
    user = user or (env.get("NEO4J_USER") or "").strip() or DEFAULT_USER
    database = database or (env.get("NEO4J_DATABASE") or "").strip() or None
    if password is not None:
        source = "the caller"
    elif env.get("NEO4J_PASSWORD"):
        password, source = env["NEO4J_PASSWORD"], "NEO4J_PASSWORD"
    elif local_default or is_local(uri):
        from pipeline.neo4j.config import load_config, resolve_password

        cfg = load_config()
        try:
            found = resolve_password(cfg, create=False)
        except StoreError as exc:
            raise StoreError(f"no password for Neo4j at {shown_uri(uri)}: {exc.bare}",
                             path=exc.path, hint="set NEO4J_PASSWORD, or run `policykg neo4j start` "
                                                 "once to create the local server and its password"
                             ) from None
        password, source = found.value, found.source
    else:
        raise StoreError(f"no password for Neo4j at {shown_uri(uri)}",
                         hint="set NEO4J_PASSWORD (and NEO4J_USER if it is not neo4j)")
    return Neo4jSettings(uri=uri, user=user, password=password, password_source=source,
                         database=database, retry_seconds=_retry_seconds(env))

