"""The server's jars: resolved once from Maven Central with the machine's Maven, then reused.

``resolve_jars`` copies the runtime classpath of ``org.neo4j:neo4j`` (pom.xml beside
this file) into ``<cache>/lib`` and Neo4j Browser's jar into ``<cache>/browser``.
A marker file holding the pom's digest makes later calls a no-op; Maven runs
offline first, so a warm ``~/.m2`` needs no network either.

``build_browser_jar`` writes a copy of the Browser jar with the graph style added
as ``browser/policykg-style.grass`` and the guide (guide.py) as
``browser/policykg-guide.html``: the server serves Browser from the classpath
resource ``browser/`` (the first jar that has it wins), so this copy goes first on
the classpath and the style is served at ``/browser/policykg-style.grass``, the
guide at ``/browser/policykg-guide.html`` (``:guide URL`` in Browser).

Run ``python -m pipeline.neo4j`` to resolve ahead of time (.ci/neo4j-setup does).
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from pipeline.errors import StoreError
from pipeline.neo4j.config import (BROWSER_VERSION, GUIDE_RESOURCE, POM, STYLE_RESOURCE, ServerConfig,
                                   load_config)

_JAVA_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')
MARKER = ".resolved"


@contextmanager
def file_lock(path: Path):
    """An exclusive advisory lock on ``path`` (created if missing) for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def java_executable() -> str:
    """``$JAVA_HOME/bin/java`` if JAVA_HOME is set, else ``java`` on PATH."""
    home = os.environ.get("JAVA_HOME", "").strip()
    if home:
        java = Path(home) / "bin" / "java"
        if not java.is_file():
            raise StoreError("JAVA_HOME has no bin/java", path=home, hint="point JAVA_HOME at a Java 17 or 21 JDK")
        return str(java)
    found = shutil.which("java")
    if not found:
        raise StoreError("Java not found: Neo4j 5.26 needs Java 17 or 21",
                         hint="install a JDK (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME")
    return found


@lru_cache(maxsize=4)
def java_major(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = _JAVA_VERSION.search(out.stderr + out.stdout)
    if not match:
        raise StoreError(f"cannot tell the version of {java}", hint="set JAVA_HOME to a Java 17 or 21 JDK")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def check_java(java: str) -> None:
    major = java_major(java)
    if major < 17:
        raise StoreError(f"Neo4j 5.26 needs Java 17 or 21, but {java} is Java {major}",
                         hint="set JAVA_HOME to a Java 17 or 21 JDK")


def pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def browser_dist_jar(cfg: ServerConfig) -> Path:
    return cfg.browser_dist_dir / f"neo4j-browser-{BROWSER_VERSION}.jar"


def jars_resolved(cfg: ServerConfig) -> bool:
    marker = cfg.cache_dir / MARKER
    try:
        ok = marker.read_text().strip() == pom_digest()
    except OSError:
        return False
    return ok and browser_dist_jar(cfg).is_file() and any(cfg.lib_dir.glob("neo4j-*.jar"))


def _run_maven(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)


def resolve_jars(cfg: ServerConfig, echo=None) -> bool:
    """Make sure ``cfg.lib_dir`` and the Browser jar exist; True if Maven had to run."""
    if jars_resolved(cfg):
        return False
    with file_lock(cfg.cache_dir / ".resolve.lock"):
        if jars_resolved(cfg):  # another process resolved them meanwhile
            return False
        mvn = shutil.which("mvn")
        if not mvn:
            raise StoreError("Maven (mvn) not found: it resolves the Neo4j jars from Maven Central once",
                             hint="install Maven 3.8+ (e.g. apt-get install maven) and retry")
        if echo:
            echo(f"Resolving Neo4j {cfg.cache_dir.name.removeprefix('neo4j-')} jars with Maven "
                 f"into {cfg.cache_dir} (once) …")
        tmp_lib = cfg.cache_dir / f".lib.tmp{os.getpid()}"
        tmp_browser = cfg.cache_dir / f".browser.tmp{os.getpid()}"
        for tmp in (tmp_lib, tmp_browser):
            shutil.rmtree(tmp, ignore_errors=True)
        base = [mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(POM),
                "dependency:copy-dependencies@server-lib", "dependency:copy-dependencies@browser",
                f"-Dpolicykg.neo4j.lib={tmp_lib}", f"-Dpolicykg.neo4j.browser={tmp_browser}"]
        try:
            done = _run_maven(base + ["--offline"])
            if done.returncode != 0:
                done = _run_maven(base)
            if done.returncode != 0:
                lines = [ln for ln in (done.stdout + done.stderr).splitlines() if "ERROR" in ln] or \
                        (done.stdout + done.stderr).splitlines() or ["(no output)"]
                raise StoreError(f"Maven could not resolve the Neo4j jars: {lines[0].strip()[:300]}",
                                 path=str(POM), hint="check access to Maven Central, then retry")
            for tmp, final in ((tmp_lib, cfg.lib_dir), (tmp_browser, cfg.browser_dist_dir)):
                shutil.rmtree(final, ignore_errors=True)
                os.replace(tmp, final)
        finally:
            for tmp in (tmp_lib, tmp_browser):
                shutil.rmtree(tmp, ignore_errors=True)
        (cfg.cache_dir / MARKER).write_text(pom_digest() + "\n")
    return True


def build_browser_jar(cfg: ServerConfig) -> bool:
    """Write ``web/policykg-browser.jar``: Browser plus the guide and the graph style; True if
    the style was added."""
    from pipeline.neo4j.guide import guide_html

    guide = guide_html()  # before the copy: a broken queries/ folder is an error here
    cfg.web_dir.mkdir(parents=True, exist_ok=True)
    target = cfg.web_dir / "policykg-browser.jar"
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(browser_dist_jar(cfg), tmp)
    with zipfile.ZipFile(tmp, "a", compression=zipfile.ZIP_DEFLATED) as jar:
        jar.writestr(f"browser/{GUIDE_RESOURCE}", guide.encode("utf-8"))
    styled = False
    style = cfg.style_file
    if style is not None and style.is_file():
        try:
            text = style.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"cannot read the Browser graph style: {exc}", path=str(style),
                             hint="fix the file or set POLICYKG_NEO4J_STYLE to another .grass file") from None
        with zipfile.ZipFile(tmp, "a", compression=zipfile.ZIP_DEFLATED) as jar:
            jar.writestr(f"browser/{STYLE_RESOURCE}", text.encode("utf-8"))
        styled = True
    os.replace(tmp, target)
    return styled


def classpath(cfg: ServerConfig) -> str:
    """The styled Browser jar first, then the server's jars (the JVM expands ``dir/*``)."""
    return os.pathsep.join([str(cfg.web_dir / "*"), str(cfg.lib_dir / "*")])


def main() -> int:
    """Resolve the jars into the cache (idempotent); used by .ci/neo4j-setup."""
    cfg = load_config()
    started = time.monotonic()
    try:
        ran = resolve_jars(cfg, echo=print)
    except StoreError as exc:
        print(f"policykg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    count = len(list(cfg.lib_dir.glob("*.jar")))
    state = f"resolved in {time.monotonic() - started:.1f} s" if ran else "already resolved"
    print(f"Neo4j jars {state}: {count} jars in {cfg.lib_dir}, Browser in {cfg.browser_dist_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
