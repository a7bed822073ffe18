"""Start, stop and inspect the local Neo4j Community server.

The server is the JVM class ``org.neo4j.server.CommunityEntryPoint`` run from the
jars Maven resolved (see jars.py), with the JVM flags of Neo4j's own launcher and
a ``neo4j.conf`` written here: it listens on 127.0.0.1 only, with auth on.  Its
folders live in ``<cache>/neo4j-<version>/instances/<name>/``; ``run/`` holds a
state file with the pid, so ``stop`` ends only the process it started (after
checking that process's command line is this instance's Neo4j).

The password of user ``neo4j`` is set before the first start by running
``neo4j-admin dbms set-initial-password`` in a small Java program that reads it
from standard input: it is never on a command line, in the server's environment
or in a log.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import psutil

from pipeline.errors import StoreError
from pipeline.neo4j.config import (GUIDE_RESOURCE, HOST, NEO4J_VERSION, PASSWORD_LAUNCHER, USER, Password,
                                   ServerConfig, resolve_password)
from pipeline.neo4j.jars import (build_browser_jar, check_java, classpath, file_lock, java_executable,
                                 resolve_jars)

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
HEAP_INITIAL = "256m"
HEAP_MAX = "1g"
PAGECACHE = "256m"
START_TIMEOUT = 180.0
STOP_TIMEOUT = 60.0
LOG_TAIL_LINES = 12
PROGRESS_EVERY = 10.0  # seconds between two "still starting" lines of `neo4j start`

# The defaults of Neo4j 5.26's conf/neo4j.conf ``server.jvm.additional`` (which its
# launcher passes to the JVM), less -XX:+AlwaysPreTouch (slow start, no gain for a
# 1 GiB heap), plus what the launcher adds itself (-Dfile.encoding=UTF-8, -Xms/-Xmx).
JVM_FLAGS = (
    f"-Xms{HEAP_INITIAL}",
    f"-Xmx{HEAP_MAX}",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)


class ServerStartError(StoreError):
    """The server did not come up; ``log_tail`` holds the last lines of its log."""

    def __init__(self, message: str, log: Path, log_tail: list[str], hint: str | None = None):
        super().__init__(message, path=str(log), hint=hint)
        self.log_tail = log_tail


@dataclass(frozen=True)
class RunningServer:
    pid: int
    bolt_uri: str
    browser_url: str
    home: Path
    log: Path
    styled: bool
    started_at: str

    @property
    def guide_url(self) -> str:
        """The research-questions guide (``:guide URL`` in Browser; guide.py)."""
        return f"{self.browser_url}{GUIDE_RESOURCE}"


@dataclass(frozen=True)
class StartResult:
    server: RunningServer
    password: Password
    already_running: bool
    seconds: float
    initialized: bool  # True when this start created the database and set the password


# -- configuration ----------------------------------------------------------

def conf_text(cfg: ServerConfig, styled: bool) -> str:
    """The neo4j.conf of an instance (rewritten at every start; holds no secret)."""
    lines = [
        "# Written by `policykg neo4j start` at every start: edits here are overwritten.",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address={HOST}:{cfg.bolt_port}",
        f"server.bolt.advertised_address={HOST}:{cfg.bolt_port}",
        "server.http.enabled=true",
        f"server.http.listen_address={HOST}:{cfg.http_port}",
        f"server.http.advertised_address={HOST}:{cfg.http_port}",
        "server.https.enabled=false",
        f"server.directories.data={cfg.data_dir}",
        f"server.directories.logs={cfg.logs_dir}",
        f"server.directories.run={cfg.run_dir}",
        f"server.directories.import={cfg.home / 'import'}",
        f"server.directories.plugins={cfg.home / 'plugins'}",
        f"server.memory.heap.initial_size={HEAP_INITIAL}",
        f"server.memory.heap.max_size={HEAP_MAX}",
        f"server.memory.pagecache.size={PAGECACHE}",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        # Transaction logs are kept for 2 days by default: re-ingesting a corpus a few
        # times filled 11 GB. Recovery needs only those since the last checkpoint.
        "db.tx_log.rotation.retention_policy=1G size",
        # Neo4j plans and caches a statement once per order of magnitude of the size
        # of its list parameters: each batch size new to the server cost every writer
        # statement ~50 ms of planning (a 1x-corpus load took 0.98 s instead of
        # 0.41 s). Our statements seek unique keys, whatever the size.
        "internal.cypher.use_parameter_size=false",
        "client.allow_telemetry=false",
        # Browser fetches the style from this server: allow it as a content host.
        "browser.remote_content_hostname_whitelist=127.0.0.1,localhost",
        # Bolt waits 5 s twice on shutdown by default; nothing is left to wait for by then.
        "internal.server.bolt.thread_pool_shutdown_wait_time=1s",
        "internal.server.bolt.connection_shutdown_wait_time=1s",
    ]
    if styled:
        lines.append(f"browser.post_connect_cmd=style {cfg.style_url}")
    return "\n".join(lines) + "\n"


def java_command(cfg: ServerConfig, java: str) -> list[str]:
    return [java, *JVM_FLAGS, "-cp", classpath(cfg), ENTRY_POINT,
            f"--home-dir={cfg.home}", f"--config-dir={cfg.conf_dir}", "--console-mode"]


def _server_env() -> dict[str, str]:
    """The server's environment: ours without the password."""
    return {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}


def is_initialized(cfg: ServerConfig) -> bool:
    """True once the server has created its system database (the initial password is then fixed)."""
    return (cfg.data_dir / "databases" / "system").is_dir()


def _scrub(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


def set_initial_password(cfg: ServerConfig, java: str, password: Password) -> None:
    """neo4j-admin dbms set-initial-password, in-process, the password given on stdin."""
    done = subprocess.run(
        [java, "-XX:-UsePerfData", "-Xmx256m", "-cp", str(cfg.lib_dir / "*"), str(PASSWORD_LAUNCHER),
         str(cfg.home), str(cfg.conf_dir)],
        input=(password.value + "\n").encode("utf-8"), capture_output=True, check=False, env=_server_env())
    if done.returncode != 0:
        out = _scrub((done.stderr + done.stdout).decode("utf-8", "replace"), password.value).splitlines()
        reason = next((ln.strip() for ln in out if ln.strip() and not ln.startswith("\tat ")), "no output")
        raise StoreError(f"could not set the initial Neo4j password: {reason[:300]}", path=str(cfg.home),
                         hint="check the password's source " + password.source)
    if not (cfg.data_dir / "dbms" / "auth.ini").is_file():
        raise StoreError("set-initial-password wrote no data/dbms/auth.ini", path=str(cfg.data_dir))


# -- process state ----------------------------------------------------------

def is_our_process(pid: int, cfg: ServerConfig) -> bool:
    """Is ``pid`` alive and this instance's Neo4j (checked on its command line)?"""
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        cmdline = proc.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False
    return ENTRY_POINT in cmdline and f"--home-dir={cfg.home}" in cmdline


def _read_state(cfg: ServerConfig) -> dict | None:
    try:
        return json.loads(cfg.state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def status(cfg: ServerConfig) -> RunningServer | None:
    """The running server of this instance, or None (a stale state file is removed)."""
    state = _read_state(cfg)
    if state is None:
        return None
    pid = int(state.get("pid", 0))
    if not is_our_process(pid, cfg):
        cfg.state_file.unlink(missing_ok=True)
        return None
    return RunningServer(
        pid=pid,
        bolt_uri=f"bolt://{HOST}:{state['bolt_port']}",
        browser_url=f"http://{HOST}:{state['http_port']}/browser/",
        home=cfg.home,
        log=cfg.console_log,
        styled=bool(state.get("styled")),
        started_at=str(state.get("started_at", "")),
    )


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


def http_answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as resp:  # noqa: S310 - our loopback server
            return resp.status == 200
    except (OSError, ValueError):
        return False


def _log_tail(log: Path, offset: int, secret: str | None, n: int = LOG_TAIL_LINES) -> list[str]:
    """The last ``n`` lines written to ``log`` after byte ``offset``, password scrubbed."""
    try:
        with open(log, "rb") as fh:
            fh.seek(offset)
            text = fh.read().decode("utf-8", "replace")
    except OSError:
        return []
    lines = [ln for ln in _scrub(text, secret).splitlines() if ln.strip()]
    return lines[-n:]


def _reason(tail: list[str]) -> str:
    """The most telling line of a log tail: the last ERROR/exception line, else the last line."""
    for line in reversed(tail):
        if " ERROR " in line or "Exception" in line or line.startswith("Error"):
            return line.strip()[:300]
    return tail[-1].strip()[:300] if tail else "the log is empty"


def _terminate(pid: int, timeout: float) -> bool:
    """SIGTERM ``pid``, wait, then SIGKILL; True if it was killed hard."""
    try:
        proc = psutil.Process(pid)
        proc.send_signal(signal.SIGTERM)
    except psutil.NoSuchProcess:
        return False
    if _gone(proc, timeout):
        return False
    try:
        proc.kill()
    except psutil.NoSuchProcess:
        return False
    _gone(proc, 10)
    return True


def _gone(proc: psutil.Process, timeout: float) -> bool:
    """Wait until ``proc`` has exited. A zombie has exited: its parent (another
    process, such as the test session that started the server) reaps it later, so
    waiting for its pid to vanish would wait for nothing."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                try:
                    proc.wait(0)  # reaps it if it is our own child
                except (psutil.TimeoutExpired, ChildProcessError):
                    pass
                return True
        except psutil.NoSuchProcess:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


# -- start / stop -----------------------------------------------------------

def _progress(began: float, bolt_up: bool, cfg: ServerConfig) -> str:
    waiting = (f"Bolt answers, waiting for Browser at {cfg.browser_url}" if bolt_up
               else f"waiting for Bolt at {cfg.bolt_uri}")
    return f"  … {time.monotonic() - began:.0f} s: {waiting}"


def _wait_until_ready(cfg: ServerConfig, proc: subprocess.Popen, password: Password,
                      timeout: float, log_offset: int, echo=None) -> None:
    """Poll until Bolt accepts the password and HTTP serves Browser; fail early if the JVM exits.

    ``echo`` (if given) gets a line when the wait begins and every PROGRESS_EVERY seconds."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    began = time.monotonic()
    deadline = began + timeout
    next_progress = began + PROGRESS_EVERY
    bolt_up = False
    if echo:
        echo(f"Starting Neo4j {NEO4J_VERSION} (pid {proc.pid}); it takes about a minute, "
             f"log in {cfg.console_log} …")
    last_error = ""
    with GraphDatabase.driver(cfg.bolt_uri, auth=(USER, password.value), connection_timeout=3.0,
                              connection_acquisition_timeout=5.0) as driver:
        while True:
            code = proc.poll()
            if code is not None:
                tail = _log_tail(cfg.console_log, log_offset, password.value)
                raise ServerStartError(f"Neo4j exited with code {code} while starting: {_reason(tail)}",
                                       cfg.console_log, tail, hint="see the log for details")
            if port_in_use(cfg.bolt_port):
                try:
                    driver.verify_connectivity()
                    bolt_up = True
                    if http_answers(cfg.browser_url):  # HTTP comes up a few seconds after Bolt
                        return
                    last_error = f"Bolt answers but {cfg.browser_url} does not yet"
                except AuthError:
                    _terminate(proc.pid, STOP_TIMEOUT)
                    raise StoreError(
                        f"Neo4j refused the password from {password.source}: this database was created "
                        "with another one (server stopped)", path=str(cfg.data_dir),
                        hint="set NEO4J_PASSWORD to that password, or delete this folder to start "
                             "afresh (this deletes the graph)") from None
                except (DriverError, Neo4jError, OSError) as exc:
                    last_error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            if time.monotonic() > deadline:
                tail = _log_tail(cfg.console_log, log_offset, password.value)  # before the shutdown lines
                _terminate(proc.pid, STOP_TIMEOUT)
                waiting = last_error or f"nothing answered on {cfg.bolt_uri}"
                raise ServerStartError(f"Neo4j was not ready within {timeout:.0f} s and was stopped "
                                       f"({waiting}); last log line: {_reason(tail)}", cfg.console_log, tail,
                                       hint="see the log; raise the timeout with --timeout if the machine is slow")
            if echo and time.monotonic() >= next_progress:
                echo(_progress(began, bolt_up, cfg))
                next_progress += PROGRESS_EVERY
            time.sleep(0.5)


def start(cfg: ServerConfig, timeout: float = START_TIMEOUT, echo=None) -> StartResult:
    """Start the instance unless it runs; return once Bolt accepts the password and Browser is served."""
    began = time.monotonic()
    cfg.home.mkdir(parents=True, exist_ok=True)
    cfg.home.chmod(0o700)  # data, logs and the password hash are the user's alone
    for d in (cfg.conf_dir, cfg.data_dir, cfg.logs_dir, cfg.run_dir, cfg.home / "import", cfg.home / "plugins"):
        d.mkdir(parents=True, exist_ok=True)
    with file_lock(cfg.run_dir / "start.lock"):
        running = status(cfg)
        if running is not None:
            return StartResult(running, resolve_password(cfg, create=False), True,
                               time.monotonic() - began, False)
        if cfg.bolt_port == cfg.http_port:
            raise StoreError(f"Bolt and HTTP cannot share port {cfg.bolt_port}", hint="choose two ports")
        for port, var in ((cfg.bolt_port, "NEO4J_BOLT_PORT"), (cfg.http_port, "NEO4J_HTTP_PORT")):
            if port_in_use(port):
                raise StoreError(f"port {port} on {HOST} is already in use by another program",
                                 hint=f"stop that program, or choose another port with {var} "
                                      "or --bolt-port/--http-port")
        java = java_executable()
        check_java(java)
        resolve_jars(cfg, echo=echo)
        password = resolve_password(cfg)
        styled = build_browser_jar(cfg)
        cfg.conf_dir.joinpath("neo4j.conf").write_text(conf_text(cfg, styled), encoding="utf-8")
        initialized = not is_initialized(cfg)
        if initialized:
            set_initial_password(cfg, java, password)

        log_offset = cfg.console_log.stat().st_size if cfg.console_log.exists() else 0
        with open(cfg.console_log, "ab") as log:
            log.write(f"--- policykg neo4j start {datetime.now(timezone.utc).isoformat()} ---\n".encode())
            log.flush()
            log_offset = log.tell()
            proc = subprocess.Popen(java_command(cfg, java), stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT, cwd=cfg.home, env=_server_env(),
                                    start_new_session=True)
        state = {"pid": proc.pid, "bolt_port": cfg.bolt_port, "http_port": cfg.http_port,
                 "home": str(cfg.home), "styled": styled, "neo4j": NEO4J_VERSION,
                 "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        cfg.state_file.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
        try:
            _wait_until_ready(cfg, proc, password, timeout, log_offset, echo=echo)
        except BaseException:
            if proc.poll() is None:
                _terminate(proc.pid, STOP_TIMEOUT)
            cfg.state_file.unlink(missing_ok=True)
            raise
        if initialized:
            # Applied to the new system database; the salted hash need not stay on disk.
            (cfg.data_dir / "dbms" / "auth.ini").unlink(missing_ok=True)
        server = status(cfg)
        if server is None:  # pragma: no cover - it answered a moment ago
            raise StoreError("Neo4j answered but its process is gone", path=str(cfg.console_log))
        return StartResult(server, password, False, time.monotonic() - began, initialized)


def stop(cfg: ServerConfig, timeout: float = STOP_TIMEOUT) -> RunningServer | None:
    """Stop the instance's server if it runs (only that process); return what was stopped."""
    with file_lock(cfg.run_dir / "start.lock"):
        running = status(cfg)
        if running is None:
            return None
        killed = _terminate(running.pid, timeout)
        cfg.state_file.unlink(missing_ok=True)
        if killed:
            raise StoreError(f"Neo4j (pid {running.pid}) did not stop within {timeout:.0f} s and was killed",
                             path=str(running.log), hint="check the log; the next start recovers the database")
        return running
