"""The local Neo4j server: real server over Bolt/HTTP, plus its config, password and jar helpers."""
from __future__ import annotations

import dataclasses
import ipaddress
import os
import shutil
import socket
import stat
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from pipeline.cli import cli
from pipeline.errors import StoreError
from pipeline.neo4j import config as config_mod
from pipeline.neo4j import server as server_mod
from pipeline.neo4j.config import STYLE_RESOURCE, ServerConfig, resolve_password
from pipeline.neo4j.jars import build_browser_jar, browser_dist_jar, jars_resolved, java_executable


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - loopback only
        return resp.status, resp.read()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tmp_config(tmp_path: Path, **changes) -> ServerConfig:
    cfg = ServerConfig(cache_dir=tmp_path / "cache", instance="t", bolt_port=_free_port(),
                       http_port=_free_port(), credentials_file=tmp_path / "conf" / "neo4j.conf",
                       style_file=None)
    return dataclasses.replace(cfg, **changes)


# -- the running server -------------------------------------------------------

def test_bolt_answers_with_the_password(neo4j_server):
    uri, user, password = neo4j_server
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


def test_wrong_password_is_refused(neo4j_server):
    uri, user, password = neo4j_server
    with GraphDatabase.driver(uri, auth=(user, password + "-wrong")) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()


def test_one_plan_per_statement_whatever_the_list_size(neo4j_server):
    # Neo4j would cache (and first plan) a statement once per order of magnitude of
    # its list parameters: every new batch size cost ~50 ms per statement (bench/).
    uri, user, password = neo4j_server
    statement = "UNWIND $rows AS row RETURN count(row) AS n  // policykg test: plan cache"
    with GraphDatabase.driver(uri, auth=(user, password)) as driver, driver.session() as session:
        session.run("CALL db.clearQueryCaches()").consume()
        for size in (3, 30, 300, 3000):
            assert session.run(statement, rows=list(range(size))).single()["n"] == size
        cleared = session.run("CALL db.clearQueryCaches()").single()["value"]
    assert "of 1 queries" in cleared, cleared


def _listening(pid: int) -> list:
    proc = psutil.Process(pid)
    conns = proc.net_connections(kind="tcp") if hasattr(proc, "net_connections") else proc.connections("tcp")
    return [c for c in conns if c.status == psutil.CONN_LISTEN]


def test_listens_on_loopback_only(neo4j_instance):
    cfg, server = neo4j_instance.config, neo4j_instance.result.server
    listening = _listening(server.pid)
    ports = {c.laddr.port for c in listening}
    assert {cfg.bolt_port, cfg.http_port} <= ports
    for conn in listening:
        addr = ipaddress.ip_address(conn.laddr.ip)
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
            addr = addr.ipv4_mapped
        assert addr.is_loopback, f"Neo4j listens on {conn.laddr.ip}:{conn.laddr.port}"
    # and nobody else answers for it on a wildcard address
    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr.port in (cfg.bolt_port, cfg.http_port):
            assert conn.laddr.ip not in ("0.0.0.0", "::"), conn


def test_browser_is_served(neo4j_instance):
    status, body = _get(neo4j_instance.result.server.browser_url)
    assert status == 200
    assert b"Neo4j Browser" in body


def test_graph_style_is_served_and_applied_on_connect(neo4j_instance, neo4j_server):
    cfg = neo4j_instance.config
    assert cfg.style_file is not None and cfg.style_file.is_file(), \
        f"the Browser graph style {cfg.style_file} is missing"
    assert neo4j_instance.result.server.styled
    status, body = _get(cfg.style_url)
    assert status == 200
    assert body.decode("utf-8") == cfg.style_file.read_text(encoding="utf-8")
    # Browser reads these through dbms.clientConfig() when it connects.
    uri, user, password = neo4j_server
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        records, _, _ = driver.execute_query("CALL dbms.clientConfig() YIELD name, value RETURN name, value")
    settings = {r["name"]: r["value"] for r in records}
    assert settings["browser.post_connect_cmd"] == f"style {cfg.style_url}"
    assert "127.0.0.1" in settings["browser.remote_content_hostname_whitelist"].split(",")


# Failure messages name where the password was found, never the password (pytest would print it).

def test_password_is_on_no_command_line_and_not_in_the_environment(neo4j_instance, neo4j_server):
    password = neo4j_server.password
    seen = 0
    for proc in psutil.process_iter(["pid", "cmdline"]):
        exposed = password in " ".join(proc.info["cmdline"] or [])
        assert not exposed, f"password on the command line of pid {proc.info['pid']}"
        seen += 1
    assert seen > 1
    environ = psutil.Process(neo4j_instance.result.server.pid).environ()
    exposed_in = [name for name, value in environ.items() if password in value]
    assert exposed_in == [], "password in the server's environment"


def test_password_is_in_no_server_file_but_the_credentials_file(neo4j_instance, neo4j_server):
    cfg = neo4j_instance.config
    needle = neo4j_server.password.encode("utf-8")
    checked = 0
    for folder in (cfg.logs_dir, cfg.conf_dir, cfg.run_dir):
        for path in folder.rglob("*"):
            if path.is_file():
                exposed = needle in path.read_bytes()
                assert not exposed, f"password found in {path}"
                checked += 1
    assert checked >= 3  # console.log, debug.log, neo4j.conf at least
    stored = needle in cfg.credentials_file.read_bytes()
    assert stored, f"the password is not the one in {cfg.credentials_file}"
    assert stat.S_IMODE(cfg.credentials_file.stat().st_mode) == 0o600


def test_status_reports_the_running_server(neo4j_instance):
    cfg, started = neo4j_instance.config, neo4j_instance.result.server
    running = server_mod.status(cfg)
    assert running is not None
    assert (running.pid, running.bolt_uri, running.browser_url) == (started.pid, cfg.bolt_uri, cfg.browser_url)
    assert server_mod.is_our_process(started.pid, cfg)
    assert not server_mod.is_our_process(os.getpid(), cfg)


def test_start_again_reuses_the_running_server(neo4j_instance):
    again = server_mod.start(neo4j_instance.config)
    assert again.already_running
    assert again.server.pid == neo4j_instance.result.server.pid


def test_a_server_that_dies_at_start_is_reported_with_its_log(neo4j_instance, tmp_path, monkeypatch):
    # Same jars as the test server, another instance whose JVM cannot start.
    cfg = dataclasses.replace(neo4j_instance.config, instance="test-broken", bolt_port=_free_port(),
                              http_port=_free_port(), credentials_file=tmp_path / "cred.conf")
    (cfg.data_dir / "databases" / "system").mkdir(parents=True, exist_ok=True)  # skip set-password
    monkeypatch.setattr(server_mod, "JVM_FLAGS", server_mod.JVM_FLAGS + ("-XX:+PolicykgNoSuchFlag",))
    try:
        with pytest.raises(server_mod.ServerStartError) as caught:
            server_mod.start(cfg, timeout=60)
        assert "exited with code" in str(caught.value)
        assert str(cfg.console_log) in str(caught.value)
        assert any("PolicykgNoSuchFlag" in line for line in caught.value.log_tail)
        assert server_mod.status(cfg) is None and not cfg.state_file.exists()
    finally:
        shutil.rmtree(cfg.home, ignore_errors=True)


def test_initial_password_goes_through_stdin_into_a_hash(neo4j_instance, tmp_path, monkeypatch):
    # A fresh instance folder with the test server's jars; the real neo4j-admin code runs.
    cfg = dataclasses.replace(neo4j_instance.config, instance="test-password")
    password = config_mod.Password("Zq-initial-pw-12345", "test")
    calls = []
    real_run = subprocess.run

    def recording_run(args, **kwargs):
        calls.append((list(args), kwargs.get("input")))
        return real_run(args, **kwargs)

    monkeypatch.setattr(server_mod.subprocess, "run", recording_run)
    try:
        cfg.conf_dir.mkdir(parents=True)
        cfg.conf_dir.joinpath("neo4j.conf").write_text(server_mod.conf_text(cfg, styled=False))
        server_mod.set_initial_password(cfg, java_executable(), password)
        (args, stdin), = calls
        assert all(password.value not in arg for arg in args)
        assert stdin == (password.value + "\n").encode()
        auth = (cfg.data_dir / "dbms" / "auth.ini").read_text()
        assert auth.startswith("neo4j:SHA-256,") and password.value not in auth
    finally:
        shutil.rmtree(cfg.home, ignore_errors=True)



@pytest.mark.parametrize("value", ["-Zq8initialpw123", "--verbose-pw-1234"])
def test_a_password_that_looks_like_an_option_is_still_the_password(neo4j_instance, value):
    # secrets.token_urlsafe starts with "-" once in 64 draws; neo4j-admin's option parser
    # must not take such a password for a flag (it did, and refused "missing <password>").
    cfg = dataclasses.replace(neo4j_instance.config, instance="test-password-dash")
    try:
        cfg.conf_dir.mkdir(parents=True)
        cfg.conf_dir.joinpath("neo4j.conf").write_text(server_mod.conf_text(cfg, styled=False))
        server_mod.set_initial_password(cfg, java_executable(), config_mod.Password(value, "test"))
        assert (cfg.data_dir / "dbms" / "auth.ini").read_text().startswith("neo4j:SHA-256,")
    finally:
        shutil.rmtree(cfg.home, ignore_errors=True)

# -- without a server -----------------------------------------------------------

def test_conf_listens_on_loopback_with_auth(tmp_path):
    cfg = _tmp_config(tmp_path, bolt_port=7001, http_port=7002)
    text = server_mod.conf_text(cfg, styled=True)
    settings = dict(line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#"))
    assert settings["server.default_listen_address"] == "127.0.0.1"
    assert settings["server.bolt.listen_address"] == "127.0.0.1:7001"
    assert settings["server.http.listen_address"] == "127.0.0.1:7002"
    assert settings["dbms.security.auth_enabled"] == "true"
    assert settings["browser.post_connect_cmd"] == f"style http://127.0.0.1:7002/browser/{STYLE_RESOURCE}"
    assert "browser.post_connect_cmd" not in server_mod.conf_text(cfg, styled=False)


def test_java_command_has_the_launcher_flags_and_no_secret(tmp_path):
    cfg = _tmp_config(tmp_path)
    cmd = server_mod.java_command(cfg, "java")
    for flag in ("--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                 "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx1g"):
        assert flag in cmd
    assert cmd[cmd.index("-cp") + 1].split(os.pathsep)[0] == str(cfg.web_dir / "*")
    assert cmd[-4:] == [server_mod.ENTRY_POINT, f"--home-dir={cfg.home}", f"--config-dir={cfg.conf_dir}",
                        "--console-mode"]


def test_password_from_env_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "from-the-env-123")
    pw = resolve_password(_tmp_config(tmp_path))
    assert (pw.value, pw.source, pw.generated) == ("from-the-env-123", "NEO4J_PASSWORD", False)
    assert "from-the-env-123" not in repr(pw)


def test_password_is_generated_once_into_a_private_file(tmp_path, monkeypatch):
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    cfg = _tmp_config(tmp_path)
    first = resolve_password(cfg)
    assert first.generated and first.source == str(cfg.credentials_file)
    assert stat.S_IMODE(cfg.credentials_file.stat().st_mode) == 0o600
    assert len(first.value) >= 20
    second = resolve_password(cfg)
    assert second.value == first.value and not second.generated


def test_a_credentials_file_readable_by_others_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    cfg = _tmp_config(tmp_path)
    cfg.credentials_file.parent.mkdir(parents=True)
    cfg.credentials_file.write_text("password=long-enough-pw\n")
    cfg.credentials_file.chmod(0o644)
    with pytest.raises(StoreError, match="chmod 600"):
        resolve_password(cfg)


def test_a_short_password_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "short")
    with pytest.raises(StoreError, match="shorter than 8"):
        resolve_password(_tmp_config(tmp_path))


def test_browser_jar_gets_the_style(tmp_path):
    style = tmp_path / "style.grass"
    style.write_text('node.Document {\n  color: #68BDF6;\n  caption: "{title}";\n}\n', encoding="utf-8")
    cfg = _tmp_config(tmp_path, style_file=style)
    dist = browser_dist_jar(cfg)
    dist.parent.mkdir(parents=True)
    with zipfile.ZipFile(dist, "w") as jar:
        jar.writestr("browser/index.html", "<title>Neo4j Browser</title>")
    assert build_browser_jar(cfg)
    with zipfile.ZipFile(cfg.web_dir / "policykg-browser.jar") as jar:
        assert jar.read("browser/index.html") == b"<title>Neo4j Browser</title>"
        assert jar.read(f"browser/{STYLE_RESOURCE}").decode("utf-8") == style.read_text(encoding="utf-8")
    assert not build_browser_jar(dataclasses.replace(cfg, style_file=tmp_path / "missing.grass"))
    with zipfile.ZipFile(cfg.web_dir / "policykg-browser.jar") as jar:
        assert f"browser/{STYLE_RESOURCE}" not in jar.namelist()


def test_stop_leaves_a_foreign_process_alone(tmp_path):
    cfg = _tmp_config(tmp_path)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        cfg.run_dir.mkdir(parents=True)
        cfg.state_file.write_text(f'{{"pid": {other.pid}, "bolt_port": 1, "http_port": 2}}')
        assert server_mod.stop(cfg) is None
        assert other.poll() is None  # still running
        assert not cfg.state_file.exists()  # the stale state was dropped
    finally:
        other.kill()
        other.wait()


def test_cli_status_when_not_running(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, ["neo4j", "status"])
    assert result.exit_code == 3
    assert "not running" in result.output


def test_cli_start_on_a_busy_port_is_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["neo4j", "start", "--bolt-port", str(port),
                                          "--http-port", str(_free_port())])
    assert result.exit_code == StoreError.exit_code
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"port {port}" in lines[0] and "NEO4J_BOLT_PORT" in lines[0]
    assert "Traceback" not in result.output


def test_jars_are_resolved_in_the_cache(neo4j_instance):
    cfg = neo4j_instance.config
    assert jars_resolved(cfg)
    names = {p.name for p in cfg.lib_dir.glob("*.jar")}
    assert f"neo4j-{config_mod.NEO4J_VERSION}.jar" in names
    assert not any(name.startswith("neo4j-browser") for name in names)  # Browser comes from web/ first
