"""Where the local Neo4j server lives, which ports it uses, and its password.

Everything a user may set comes from the environment or a private config file,
never from code:

* ``NEO4J_BOLT_PORT`` / ``NEO4J_HTTP_PORT`` — ports on 127.0.0.1 (7687 / 7474);
* ``NEO4J_PASSWORD`` — the password of user ``neo4j``; without it the password
  is read from the credentials file ``$XDG_CONFIG_HOME/policykg/neo4j.conf``
  (``~/.config/policykg/neo4j.conf``, or ``POLICYKG_NEO4J_CREDENTIALS``), and if
  that file does not exist a random password is generated and stored there with
  mode 0600;
* ``POLICYKG_CACHE_DIR`` — base folder for the jars, data and logs
  (default ``$XDG_CACHE_HOME/policykg``, i.e. ``~/.cache/policykg``);
* ``POLICYKG_NEO4J_STYLE`` — the Browser graph style (``graph_schema/style.grass``).
"""
from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import StoreError

NEO4J_VERSION = "5.26.24"
BROWSER_VERSION = "5.24.0"
USER = "neo4j"
HOST = "127.0.0.1"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
DEFAULT_INSTANCE = "default"
INSTANCE_ENV = "POLICYKG_NEO4J_INSTANCE"
STYLE_RESOURCE = "policykg-style.grass"
GUIDE_RESOURCE = "policykg-guide.html"  # the research questions as a Browser guide (guide.py)
MIN_PASSWORD_LENGTH = 8  # Neo4j's dbms.security.auth_minimum_password_length

_PACKAGE_DIR = Path(__file__).resolve().parent
POM = _PACKAGE_DIR / "pom.xml"
PASSWORD_LAUNCHER = _PACKAGE_DIR / "SetInitialPassword.java"
_REPO_STYLE = _PACKAGE_DIR.parent.parent / "graph_schema" / "style.grass"


@dataclass(frozen=True)
class Password:
    """The password of user ``neo4j`` and where it came from (for messages)."""

    value: str
    source: str  # "NEO4J_PASSWORD" or the credentials file's path
    generated: bool = False

    def __repr__(self) -> str:  # never show the value, even in a traceback
        return f"Password(source={self.source!r}, generated={self.generated})"


@dataclass(frozen=True)
class ServerConfig:
    """One local server instance: its folders, ports, style and credentials file."""

    cache_dir: Path           # <cache>/neo4j-<version>: jars and instances
    instance: str             # folder name under instances/
    bolt_port: int
    http_port: int
    credentials_file: Path
    style_file: Path | None
    use_password_env: bool = True

    # -- folders -----------------------------------------------------------
    @property
    def lib_dir(self) -> Path:
        return self.cache_dir / "lib"

    @property
    def browser_dist_dir(self) -> Path:
        return self.cache_dir / "browser"

    @property
    def home(self) -> Path:
        return self.cache_dir / "instances" / self.instance

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def run_dir(self) -> Path:
        return self.home / "run"

    @property
    def web_dir(self) -> Path:
        """Holds the Browser jar with the graph style added (first on the classpath)."""
        return self.home / "web"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    @property
    def state_file(self) -> Path:
        return self.run_dir / "policykg-neo4j.json"

    # -- addresses ---------------------------------------------------------
    @property
    def bolt_uri(self) -> str:
        return f"bolt://{HOST}:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://{HOST}:{self.http_port}"

    @property
    def browser_url(self) -> str:
        return f"{self.http_url}/browser/"

    @property
    def style_url(self) -> str:
        return f"{self.http_url}/browser/{STYLE_RESOURCE}"

    @property
    def guide_url(self) -> str:
        return f"{self.http_url}/browser/{GUIDE_RESOURCE}"


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else default


def cache_base() -> Path:
    xdg = _env_path("XDG_CACHE_HOME", Path.home() / ".cache")
    return _env_path("POLICYKG_CACHE_DIR", xdg / "policykg")


def config_base() -> Path:
    return _env_path("XDG_CONFIG_HOME", Path.home() / ".config") / "policykg"


def port_from_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    return check_port(raw, name)


def check_port(raw: str | int, what: str) -> int:
    try:
        port = int(raw)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise StoreError(f"{what}={raw!r} is not a TCP port", hint="use a number from 1 to 65535")
    return port


def default_style_file() -> Path | None:
    """The style given by POLICYKG_NEO4J_STYLE, else the repository's graph_schema/style.grass."""
    raw = os.environ.get("POLICYKG_NEO4J_STYLE", "").strip()
    return Path(raw).expanduser() if raw else _REPO_STYLE


def load_config(bolt_port: int | None = None, http_port: int | None = None,
                style_file: Path | None = None, instance: str | None = None) -> ServerConfig:
    """The user's server: flags first, then the environment, then the defaults.

    ``instance``: the server's folder under instances/ (``$POLICYKG_NEO4J_INSTANCE``,
    else ``default``); the README test points `policykg neo4j …` at the test server so.
    """
    if instance is None:
        instance = os.environ.get(INSTANCE_ENV, "").strip() or DEFAULT_INSTANCE
        if not instance.replace("-", "").replace("_", "").isalnum():
            raise StoreError(f"{INSTANCE_ENV}={instance!r} is not a folder name",
                             hint="use letters, digits, - and _")
    return ServerConfig(
        cache_dir=cache_base() / f"neo4j-{NEO4J_VERSION}",
        instance=instance,
        bolt_port=bolt_port or port_from_env("NEO4J_BOLT_PORT", DEFAULT_BOLT_PORT),
        http_port=http_port or port_from_env("NEO4J_HTTP_PORT", DEFAULT_HTTP_PORT),
        credentials_file=_env_path("POLICYKG_NEO4J_CREDENTIALS", config_base() / "neo4j.conf"),
        style_file=style_file or default_style_file(),
    )


# -- credentials file -------------------------------------------------------

def _read_credentials(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise StoreError(f"cannot read the Neo4j credentials file: {exc.strerror}", path=str(path)) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreError(f"the Neo4j credentials file is readable by others (mode {stat.S_IMODE(mode):04o})",
                         path=str(path), hint=f"run: chmod 600 {path}")
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == "password":
            value = value.strip()
            if value:
                return value
    raise StoreError("the Neo4j credentials file has no 'password=' line", path=str(path),
                     hint="add 'password=<your password>' or delete the file to have one generated")


def _write_credentials(path: Path, password: str) -> bool:
    """Create ``path`` (mode 0600) unless it exists; True if this call created it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ("# policykg: password of user 'neo4j' on the local Neo4j server "
            "(`policykg neo4j start`).\n# Keep this file private (mode 0600). "
            "NEO4J_PASSWORD in the environment takes precedence.\n"
            f"user={USER}\npassword={password}\n")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            os.link(tmp, path)  # never overwrite a file another process just wrote
        except FileExistsError:
            return False
        return True
    finally:
        tmp.unlink(missing_ok=True)


def check_password(password: str, source: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StoreError(f"the Neo4j password from {source} is shorter than {MIN_PASSWORD_LENGTH} characters",
                         hint="choose a longer password")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in password):
        raise StoreError(f"the Neo4j password from {source} contains a control character",
                         hint="use printable characters only")
    return password


def resolve_password(cfg: ServerConfig, create: bool = True) -> Password:
    """NEO4J_PASSWORD, else the credentials file, else (if ``create``) a new random one stored there."""
    if cfg.use_password_env:
        env = os.environ.get("NEO4J_PASSWORD")
        if env:
            return Password(check_password(env, "NEO4J_PASSWORD"), "NEO4J_PASSWORD")
    path = cfg.credentials_file
    if not path.exists():
        if not create:
            raise StoreError("no Neo4j password: NEO4J_PASSWORD is not set and there is no credentials file",
                             path=str(path), hint="run `policykg neo4j start` once, or set NEO4J_PASSWORD")
        created = _write_credentials(path, secrets.token_urlsafe(18))
        return Password(check_password(_read_credentials(path), str(path)), str(path), generated=created)
    return Password(check_password(_read_credentials(path), str(path)), str(path))
