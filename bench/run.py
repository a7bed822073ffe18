"""policykg benchmarks: parse and ingest throughput and peak memory, at 1×, 4×, 16× the corpus.

    .venv/bin/python bench/run.py [--scales 1,4,16] [--workers N] [--no-neo4j]
                                  [--neo4j-uri URI --neo4j-clear] [--out bench/RESULTS.md]

Writes bench/RESULTS.md (the machine it ran on, then the figures). For each scale
the corpus (corpus/*.txt) is copied that many times into a temporary folder; copy
k > 0 of a document gets the suffix （副本k） after its title in the text, so each
copy parses to a distinct document (checked: the parsed title changes and nothing
else is counted differently) and the stores hold scale × the corpus.

Every step runs in a process of its own, whose peak memory is the largest sum of
the resident sets of it and its children (sampled every 20 ms) and whose CPU time
is that of it and the workers it waited for (``RUSAGE_CHILDREN``), so steps do not
pollute each other:

* ``jieba``: ``jieba.lcut`` of each file's text (read as UTF-8), dictionary loaded
  beforehand — the floor a user compares a Chinese parser with;
* ``parse``: ``pipeline.parse.parse_file`` of each file in one process, pipeline
  loaded beforehand; its ratio to ``jieba`` is measured in the same run, wall and CPU;
* ``policykg parse DIR --workers 1`` and ``--workers N`` (N = every core): the
  command as a user runs it, start-up and JSON output included;
* ``policykg ingest DIR`` into a new embedded store, and ``ingest --records`` of
  the records the parse step wrote (the store's own speed), twice (load, re-ingest);
* Neo4j: ``bench/neo4j_load.measure_neo4j_load`` (graphs built beforehand, load then
  re-ingest, batched UNWIND, after WARMUP_LOADS warm-up loads of a fresh server, reported
  as its warm-up curve; the median of NEO4J_LOADS runs at each scale) and ``policykg
  ingest DIR --neo4j`` end to end;
* after the largest scale, ``ingest --records`` of four times its records (distinct
  titles again), to show memory beyond the bound of one ingest batch.

The whole run at 1,4,16 takes about 3 minutes on 2 idle cores (more on a busy machine).

Neo4j: unless ``--neo4j-uri`` is given, a local server instance ``bench`` (ports
27787/27574, or POLICYKG_BENCH_NEO4J_BOLT_PORT / _HTTP_PORT) is started through
pipeline.neo4j, emptied, and stopped at the end if this run started it. A server
given by ``--neo4j-uri`` (credentials from NEO4J_USER / NEO4J_PASSWORD or the
local credentials file) is emptied too, so ``--neo4j-clear`` must be given with it.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
PYTHON = sys.executable
POLICYKG = str(Path(sys.executable).with_name("policykg"))
SAMPLE_SECONDS = 0.02
STEP_TIMEOUT = 900
BENCH_INSTANCE = "bench"
# Before the first measured Neo4j load the freshly started server loads (and
# re-ingests) WARMUP_REPEAT times the corpus WARMUP_LOADS times: its JVM compiles
# the write path over the first few hundred thousand rows, which a server that has
# loaded a few corpora has done. Each of these loads is reported too (the warm-up
# curve: what the first ingests into a newly started server get).
WARMUP_REPEAT = 16
WARMUP_LOADS = 4
# Each scale's Neo4j figures are the median of this many runs (empty, load, re-ingest).
NEO4J_LOADS = 3
SUFFIX = "（副本{k}）"
PLATEAU = 4  # `ingest --records` of this many times the largest scale's records, for memory


# == child steps (run as `run.py --step NAME ...`) ======================================

def _files(folder: str) -> list[str]:
    return sorted(str(p) for p in Path(folder).glob("*.txt"))


def _timed_passes(fn, passes: int) -> dict[str, float]:
    """Best wall and CPU seconds of ``passes`` runs of ``fn``."""
    wall, cpu = [], []
    for _ in range(passes):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return {"seconds": min(wall), "cpu_seconds": min(cpu), "first_seconds": wall[0], "passes": passes}


def step_jieba(folder: str, passes: int) -> dict:
    started = time.perf_counter()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    load = time.perf_counter() - started
    files = _files(folder)
    chars = 0

    def run() -> None:
        nonlocal chars
        chars = 0
        for f in files:
            with open(f, encoding="utf-8") as fh:
                text = fh.read()
            chars += len(text)
            jieba.lcut(text)

    return {"documents": len(files), "chars": chars or _count_chars(files), "load_seconds": load,
            **_timed_passes(run, passes)}


def _count_chars(files: list[str]) -> int:
    return sum(len(Path(f).read_text(encoding="utf-8")) for f in files)


def step_parse(folder: str, passes: int) -> dict:
    started = time.perf_counter()
    from pipeline.parse import parse_file
    from pipeline.parse.nlp import load_nlp

    nlp = load_nlp()
    nlp.tokenizer("预热分词")  # jieba loads its dictionary on the first cut
    load = time.perf_counter() - started
    files = _files(folder)

    def run() -> None:
        for f in files:
            parse_file(f)

    return {"documents": len(files), "chars": _count_chars(files), "load_seconds": load,
            **_timed_passes(run, passes)}


def _neo4j_settings():
    from pipeline.graph.neo4j_settings import resolve_settings

    return resolve_settings(os.environ["POLICYKG_BENCH_NEO4J_URI"])


def step_neo4j_clear() -> dict:
    from pipeline.graph.neo4j_store import open_neo4j

    s = _neo4j_settings()
    with open_neo4j(s.uri, user=s.user, password=s.password, database=s.database) as store:
        held = store.run("MATCH (n) RETURN count(n) AS n", read_only=True).rows[0][0]
        store.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
        store.ensure_schema()
    return {"held": held}


def step_neo4j_load(records_file: str, repeat: int = 1, loads: int = 1) -> dict:
    sys.path.insert(0, str(BENCH))
    from neo4j_load import measure_neo4j_load, repeated  # bench/neo4j_load.py

    from pipeline.graph.ingest import read_record_files

    records = repeated(list(read_record_files([records_file])), repeat)
    s = _neo4j_settings()
    pid = os.environ.get("POLICYKG_BENCH_NEO4J_PID")
    return measure_neo4j_load(records, s.uri, s.user, s.password, database=s.database,
                              server_pid=int(pid) if pid else None, loads=loads)


def run_step(args: argparse.Namespace) -> None:
    if args.step == "jieba":
        out = step_jieba(args.folder, args.passes)
    elif args.step == "parse":
        out = step_parse(args.folder, args.passes)
    elif args.step == "neo4j-clear":
        out = step_neo4j_clear()
    elif args.step == "neo4j-load":
        out = step_neo4j_load(args.records, args.repeat, args.loads)
    else:
        raise SystemExit(f"unknown step {args.step}")
    import resource

    out["own_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(args.result).write_text(json.dumps(out), encoding="utf-8")


# == the runner ===========================================================================

class PeakSampler:
    """Largest resident-set sum of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int):
        import psutil

        self._psutil = psutil
        self.proc = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        ps = self._psutil
        while not self._stop.is_set():
            try:
                procs = [self.proc] + self.proc.children(recursive=True)
            except ps.Error:
                break
            total = 0
            for p in procs:
                try:
                    total += p.memory_info().rss
                except ps.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(SAMPLE_SECONDS)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_measured(cmd: list[str], env: Optional[dict] = None, stdout=None) -> dict:
    """Run ``cmd``; wall seconds, peak RSS of its process tree (MB), output."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout if stdout is not None else subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=REPO, text=True)
    sampler = PeakSampler(proc.pid)
    try:
        out, err = proc.communicate(timeout=STEP_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise SystemExit(f"bench: {' '.join(cmd[:3])}… took over {STEP_TIMEOUT} s")
    finally:
        peak = sampler.stop()
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the step and the workers it waited for
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return {"wall_seconds": wall, "cpu_seconds": cpu, "peak_rss_mb": peak / 2**20, "stdout": out or "",
            "stderr": err}


def run_child(step: str, work: Path, env: Optional[dict] = None, **kw: Any) -> dict:
    result = work / f"result-{step}.json"
    cmd = [PYTHON, str(Path(__file__).resolve()), "--step", step, "--result", str(result)]
    for k, v in kw.items():
        cmd += [f"--{k}", str(v)]
    m = run_measured(cmd, env=env)
    data = json.loads(result.read_text(encoding="utf-8"))
    data["peak_rss_mb"] = m["peak_rss_mb"]
    data["process_seconds"] = m["wall_seconds"]
    data["process_cpu_seconds"] = m["cpu_seconds"]
    return data


_HOLDS = re.compile(r"now holds (\d+) nodes? and (\d+) relationships?")
_INGESTED = re.compile(r"ingested (\d+) documents? in ([0-9.]+) s")


def run_cli(args: list[str], env: Optional[dict] = None, stdout_file: Optional[Path] = None) -> dict:
    if stdout_file is not None:
        with open(stdout_file, "w", encoding="utf-8") as fh:
            m = run_measured([POLICYKG, *args], env=env, stdout=fh)
    else:
        m = run_measured([POLICYKG, *args], env=env)
    held = _HOLDS.search(m["stdout"])
    if held:
        m["nodes"], m["relationships"] = int(held[1]), int(held[2])
    done = _INGESTED.search(m["stdout"])
    if done:
        m["documents"], m["cli_seconds"] = int(done[1]), float(done[2])
    return m


# -- the corpus at a scale --------------------------------------------------------------

@dataclasses.dataclass
class Source:
    path: Path
    text: str
    title: str
    how: str  # how copies get a distinct title: "replace", "after-tail" or "" (they cannot)


def _copy_text(text: str, title: str, how: str, k: int) -> str:
    suffix = SUFFIX.format(k=k)
    if how == "replace":
        return text.replace(title, title + suffix)
    if how == "after-tail":
        tail = _title_tail(title)
        i = text.find(tail) + len(tail)
        return text[:i] + suffix + text[i:]
    return text


def _title_tail(title: str) -> str:
    core = re.sub(r"[（(][^（）()]*[)）]$", "", re.sub(r"\s", "", title))
    return core[-4:]


def prepare_sources(corpus: Path) -> list[Source]:
    """The corpus files, each with the edit that gives its copies distinct titles."""
    from pipeline.parse import parse_text
    from pipeline.read import read_document

    def counts(r) -> tuple:
        return (len(r.sections), len(r.measures), len(r.tasks), len(r.targets), len(r.parents),
                len(r.references))

    out = []
    for path in sorted(corpus.glob("*.txt")):
        text = read_document(path).text
        rec = parse_text(text, source=str(path))
        how = ""
        for cand in ("replace", "after-tail"):
            if cand == "replace" and rec.document.title not in text:
                continue
            if cand == "after-tail" and _title_tail(rec.document.title) not in text:
                continue
            copy = parse_text(_copy_text(text, rec.document.title, cand, 1), source=str(path))
            if copy.document.title != rec.document.title and SUFFIX.format(k=1) in copy.document.title \
                    and counts(copy) == counts(rec):
                how = cand
                break
        out.append(Source(path, text, rec.document.title, how))
    return out


def write_scale(sources: list[Source], scale: int, folder: Path) -> dict:
    folder.mkdir(parents=True)
    chars = 0
    for s in sources:
        for k in range(scale):
            text = s.text if k == 0 else _copy_text(s.text, s.title, s.how, k)
            (folder / f"{s.path.stem}-{k:03d}.txt").write_text(text, encoding="utf-8")
            chars += len(text)
    return {"documents": len(sources) * scale, "chars": chars}


def write_repeated_records(records: Path, out: Path, times: int) -> None:
    """``records`` ``times`` over; copy j > 0 of each gets （批j） after its title (a new document)."""
    with open(out, "w", encoding="utf-8") as fh:
        for j in range(times):
            with open(records, encoding="utf-8") as src:
                for line in src:
                    if j:
                        rec = json.loads(line)
                        rec["document"]["title"] += f"（批{j}）"
                        line = json.dumps(rec, ensure_ascii=False) + "\n"
                    fh.write(line)


# -- Neo4j --------------------------------------------------------------------------------

class Neo4jForBench:
    """The server the bench writes to: given by URI, or a local instance it starts."""

    def __init__(self, uri: Optional[str]):
        self.uri = uri
        self.cfg = None
        self.started = False
        self.password: Optional[str] = None
        self.pid: Optional[int] = None
        self.warmed = False

    def __enter__(self) -> "Neo4jForBench":
        if self.uri:
            return self
        from pipeline.neo4j.config import load_config, port_from_env
        from pipeline.neo4j.server import start

        base = load_config(instance=BENCH_INSTANCE)
        self.cfg = dataclasses.replace(
            base,
            bolt_port=port_from_env("POLICYKG_BENCH_NEO4J_BOLT_PORT", 27787),
            http_port=port_from_env("POLICYKG_BENCH_NEO4J_HTTP_PORT", 27574),
            credentials_file=base.home / "credentials.conf",
            use_password_env=False,
        )
        print(f"bench: starting Neo4j instance '{BENCH_INSTANCE}' on port {self.cfg.bolt_port}…",
              file=sys.stderr)
        result = start(self.cfg)
        self.started = not result.already_running
        self.uri = result.server.bolt_uri
        self.password = result.password.value
        self.pid = result.server.pid
        return self

    def env(self) -> dict:
        env = dict(os.environ, POLICYKG_BENCH_NEO4J_URI=self.uri)
        if self.pid is not None:
            env["POLICYKG_BENCH_NEO4J_PID"] = str(self.pid)
        if self.password is not None:
            env["NEO4J_USER"] = "neo4j"
            env["NEO4J_PASSWORD"] = self.password
            env.pop("NEO4J_DATABASE", None)
        return env

    def server_cpu_seconds(self) -> Optional[float]:
        if self.pid is None:
            return None
        import psutil

        try:
            t = psutil.Process(self.pid).cpu_times()
        except psutil.Error:
            return None
        return t.user + t.system + t.children_user + t.children_system

    def server_rss_mb(self) -> Optional[float]:
        if self.pid is None:
            return None
        import psutil

        try:
            return psutil.Process(self.pid).memory_info().rss / 2**20
        except psutil.Error:
            return None

    def __exit__(self, *exc) -> None:
        if self.started and self.cfg is not None:
            from pipeline.neo4j.server import stop

            print("bench: stopping the Neo4j instance it started", file=sys.stderr)
            stop(self.cfg)


# -- one scale ----------------------------------------------------------------------------

def measure_scale(sources: list[Source], scale: int, tmp: Path, workers: int,
                  neo4j: Optional[Neo4jForBench], plateau: int = 0) -> dict:
    folder = tmp / f"corpus-{scale}x"
    work = tmp / f"work-{scale}x"
    work.mkdir()
    res: dict[str, Any] = {"scale": scale, **write_scale(sources, scale, folder),
                           "load_before": os.getloadavg()[0]}
    passes = 3 if scale == 1 else 1
    say = lambda what: print(f"bench: {scale}x: {what}", file=sys.stderr)  # noqa: E731

    say("jieba.lcut")
    res["jieba"] = run_child("jieba", work, folder=folder, passes=passes)
    say("parse (one process)")
    res["parse"] = run_child("parse", work, folder=folder, passes=passes)

    records = work / "records.jsonl"
    say("policykg parse DIR --workers 1")
    res["parse_dir_1"] = run_cli(["parse", str(folder), "--workers", "1"], stdout_file=work / "one.jsonl")
    say(f"policykg parse DIR --workers {workers}")
    res["parse_dir_n"] = run_cli(["parse", str(folder), "--workers", str(workers)], stdout_file=records)
    if (work / "one.jsonl").read_bytes() != records.read_bytes():
        raise SystemExit("bench: parse --workers 1 and --workers N wrote different records")
    titles = [json.loads(line)["document"]["title"] for line in records.open(encoding="utf-8")]
    res["distinct_titles"] = len(set(titles))

    say("policykg ingest DIR (embedded)")
    res["ingest_dir"] = run_cli(["ingest", str(folder), "--store", str(work / "store-dir"),
                                 "--workers", str(workers), "--no-progress"])
    say("policykg ingest --records (embedded), twice")
    res["ingest_records"] = run_cli(["ingest", "--records", str(records), "--store",
                                     str(work / "store-rec"), "--no-progress"])
    res["reingest_records"] = run_cli(["ingest", "--records", str(records), "--store",
                                       str(work / "store-rec"), "--no-progress"])

    if neo4j is not None:
        env = neo4j.env()
        if not neo4j.warmed:  # the server's first writes run before its JIT compiled them
            for k in range(WARMUP_LOADS):
                say(f"Neo4j: warm-up load {k + 1} of {WARMUP_LOADS}, {WARMUP_REPEAT}× the corpus")
                warm = run_child("neo4j-load", work, env=env, records=records, repeat=WARMUP_REPEAT)
                res.setdefault("neo4j_warmup", []).append(warm)
            neo4j.warmed = True
        say("Neo4j: measure_neo4j_load (load, re-ingest)")
        res["neo4j_load"] = run_child("neo4j-load", work, env=env, records=records, loads=NEO4J_LOADS)
        say("Neo4j: policykg ingest DIR --neo4j")
        run_child("neo4j-clear", work, env=env)
        server_cpu = neo4j.server_cpu_seconds()
        res["neo4j_ingest_dir"] = run_cli(["ingest", str(folder), "--neo4j-uri", neo4j.uri,
                                           "--workers", str(workers), "--no-progress"], env=env)
        if server_cpu is not None:
            res["neo4j_ingest_dir"]["server_cpu_seconds"] = neo4j.server_cpu_seconds() - server_cpu
        res["neo4j_server_rss_mb"] = neo4j.server_rss_mb()
    if plateau > 1:
        say(f"policykg ingest --records of {plateau}× these records (memory plateau)")
        many = work / "many.jsonl"
        write_repeated_records(records, many, plateau)
        res["plateau"] = run_cli(["ingest", "--records", str(many), "--store", str(work / "store-many"),
                                  "--no-progress"])
        res["plateau"]["times"] = plateau
    res["load_after"] = os.getloadavg()[0]
    shutil.rmtree(folder)
    shutil.rmtree(work)
    return res


# -- the report ---------------------------------------------------------------------------

def machine() -> dict:
    import psutil
    from importlib.metadata import PackageNotFoundError, version

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    pkgs = {}
    for name in ("policykg", "spacy", "jieba", "ladybug", "neo4j", "networkx", "psutil"):
        try:
            pkgs[name] = version(name)
        except PackageNotFoundError:
            pkgs[name] = "-"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
        commit = commit + (" (with uncommitted changes)" if dirty else "")
    except OSError:
        commit = "-"
    from pipeline.neo4j.config import NEO4J_VERSION

    return {"cpu": model or "-", "logical_cores": os.cpu_count(),
            "physical_cores": psutil.cpu_count(logical=False),
            "ram_gib": psutil.virtual_memory().total / 2**30,
            "python": platform.python_version(), "os": platform.platform(),
            "packages": pkgs, "neo4j_server": NEO4J_VERSION, "commit": commit}


def _f(x: Optional[float], nd: int = 0) -> str:
    if x is None:
        return "–"
    return f"{x:,.{nd}f}"


def _rate(n: float, s: float) -> float:
    return n / s if s else 0.0


def render(m: dict, runs: list[dict], workers: int, sources: list[Source], started: str,
           seconds: float, neo4j_note: str) -> str:
    base = runs[0]
    L: list[str] = []
    add = L.append
    add("# Benchmark results")
    add("")
    add(f"Written by `bench/run.py` ({started}, {seconds / 60:.1f} minutes); rerun it rather than edit. "
        "How each figure is taken: the docstring of bench/run.py.")
    add("")
    add("## Machine")
    add("")
    add("| | |")
    add("|---|---|")
    add(f"| CPU | {m['cpu']} |")
    add(f"| cores | {m['logical_cores']} logical, {m['physical_cores']} physical |")
    add(f"| memory | {m['ram_gib']:.1f} GiB |")
    add(f"| OS | {m['os']} |")
    add(f"| Python | {m['python']} |")
    add(f"| packages | {', '.join(f'{k} {v}' for k, v in m['packages'].items())} |")
    add(f"| Neo4j server | {m['neo4j_server']} Community, heap 1 GiB, page cache 256 MiB ({neo4j_note}) |")
    add(f"| policykg commit | {m['commit']} |")
    loads = [f"{r['scale']}×: {r['load_before']:.1f} → {r['load_after']:.1f}" for r in runs]
    add(f"| load average (1 min) before → after each scale | {'; '.join(loads)} |")
    add("")
    n_docs = len(sources)
    fixed = sum(1 for s in sources if s.how)
    add("## Corpus")
    add("")
    add(f"corpus/*.txt: {n_docs} documents, {base['chars']:,} characters. At scale N each file is copied "
        f"N times; copy k > 0 carries （副本k） after its title, so it parses to a distinct document "
        f"with the same content" + ("." if fixed == n_docs else
        f" ({fixed} of {n_docs} files; the copies of the others keep their title and replace each other "
        "in a store)."))
    add("")
    add("| scale | documents | characters | distinct titles parsed |")
    add("|---:|---:|---:|---:|")
    for r in runs:
        add(f"| {r['scale']}× | {r['documents']:,} | {r['chars']:,} | {r['distinct_titles']:,} |")
    add("")

    add("## Parse throughput against jieba.lcut")
    add("")
    add("`jieba.lcut` of each file's text and `parse_file` of each file, each in one process with its "
        "dictionary or pipeline loaded beforehand, measured in the same run "
        f"(best of {base['parse']['passes']} passes at 1×, one pass above). Ratio = parse chars/s ÷ "
        "jieba chars/s: above 1.0 the parser is faster than merely segmenting the text. The CPU ratio "
        "uses process CPU time, which other load on the machine does not inflate.")
    add("")
    add("| scale | jieba.lcut chars/s | parse chars/s | parse docs/s | ratio (wall) | ratio (CPU) |")
    add("|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        j, p = r["jieba"], r["parse"]
        jr, pr = _rate(j["chars"], j["seconds"]), _rate(p["chars"], p["seconds"])
        jc, pc = _rate(j["chars"], j["cpu_seconds"]), _rate(p["chars"], p["cpu_seconds"])
        add(f"| {r['scale']}× | {_f(jr)} | {_f(pr)} | {_f(_rate(p['documents'], p['seconds']), 1)} | "
            f"**{pr / jr:.2f}** | {pc / jc:.2f} |")
    add("")
    add(f"Loading before the first document (not in the rates): jieba's dictionary "
        f"{base['jieba']['load_seconds']:.1f} s; the parser (spaCy, jieba with its user dictionary, "
        f"the rules) {base['parse']['load_seconds']:.1f} s.")
    add("")
    add(f"`policykg parse DIR` as a user runs it (JSON lines to a file; process start-up, pipeline "
        f"loading in each worker and output included), with one worker and with {workers} "
        f"(`--workers`, default every core); both wrote the same records in the same order.")
    add("")
    add(f"| scale | --workers 1: s | chars/s | --workers {workers}: s | chars/s | docs/s | speed-up | "
        "jieba.lcut, loading included: s | ratio |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        one, n, j = r["parse_dir_1"], r["parse_dir_n"], r["jieba"]
        cold = j["load_seconds"] + j["first_seconds"]
        add(f"| {r['scale']}× | {one['wall_seconds']:.1f} | {_f(_rate(r['chars'], one['wall_seconds']))} | "
            f"{n['wall_seconds']:.1f} | {_f(_rate(r['chars'], n['wall_seconds']))} | "
            f"{_f(_rate(r['documents'], n['wall_seconds']), 1)} | "
            f"{one['wall_seconds'] / n['wall_seconds']:.2f}× | {cold:.1f} | {cold / n['wall_seconds']:.2f} |")
    add("")
    add(f"The last columns compare `parse DIR --workers {workers}` with segmenting the same files with "
        "`jieba.lcut` in one process, its dictionary loading included (the first pass; interpreter "
        "start-up excluded): ratio = jieba seconds ÷ parse seconds.")
    add("")

    add("## Ingest throughput")
    add("")
    add(f"Rows = nodes + relationships in the store afterwards; rate = rows ÷ wall seconds of the step. "
        "`ingest DIR` parses too (workers as above) and includes process start-up; `ingest --records` "
        "reads the records `parse` wrote (JSON lines) and measures the store; re-ingest replaces every "
        "document with itself. Neo4j load: `bench/neo4j_load.py` `measure_neo4j_load`, graphs built "
        f"beforehand (not timed), in the transactions `policykg ingest` would use, each written with "
        f"batched `UNWIND` statements. Before them the freshly started server loads {WARMUP_REPEAT}× "
        f"the corpus {WARMUP_LOADS} times (each a load and a re-ingest), during which its JVM compiles "
        "the write path: the rows *warm-up load k* show how the first loads into a newly started "
        "server speed up; the rows after them are the speed of a server that has loaded a few corpora. "
        "Relationships per CPU second: relationships ÷ CPU seconds of the step's processes (start-up "
        "and, for `ingest DIR`, parsing included), plus the Neo4j server's for Neo4j rows; on a "
        "machine that other work shares they vary less than the wall-clock rates.")
    add("")
    add("| scale | store | step | documents | nodes | relationships | seconds | rows/s | relationships/s "
        "| relationships per CPU second |")
    add("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")

    def neo4j_load_row(scale: int, step: str, x: dict, phase: str, bold: bool) -> None:
        """A row of ``measure_neo4j_load``'s result ``x``: its ``phase`` (first_load, reingest)."""
        p = x[phase]
        rate = _f(p["relationships_per_second"])
        add(f"| {scale}× | Neo4j | {step} | {x['documents']:,} | {x['nodes']:,} | "
            f"{x['relationships']:,} | {p['seconds']:.1f} | {_f(p['rows_per_second'])} | "
            f"{f'**{rate}**' if bold else rate} | {_f(p.get('relationships_per_cpu_second'))} |")

    for r in runs:
        for k, x in enumerate(r.get("neo4j_warmup", []), 1):
            neo4j_load_row(WARMUP_REPEAT, f"warm-up load {k} of a fresh server", x, "first_load", False)
        for key, store, step in (("ingest_dir", "embedded", "ingest DIR"),
                                 ("ingest_records", "embedded", "ingest --records"),
                                 ("reingest_records", "embedded", "ingest --records, again")):
            x = r[key]
            rows = x["nodes"] + x["relationships"]
            add(f"| {r['scale']}× | {store} | {step} | {x['documents']:,} | {x['nodes']:,} | "
                f"{x['relationships']:,} | {x['wall_seconds']:.1f} | {_f(_rate(rows, x['wall_seconds']))} | "
                f"{_f(_rate(x['relationships'], x['wall_seconds']))} | "
                f"{_f(_rate(x['relationships'], x['cpu_seconds']))} |")
        if "neo4j_load" in r:
            for phase, label in (("first_load", "load"), ("reingest", "re-ingest")):
                each = r["neo4j_load"][phase].get("seconds_each", [])
                spread = (f", median of {len(each)}: {min(each):.2f}–{max(each):.2f} s"
                          if len(each) > 1 else "")
                neo4j_load_row(r["scale"], f"{label} (graphs built{spread})", r["neo4j_load"], phase, True)
            y = r["neo4j_ingest_dir"]
            rows = y["nodes"] + y["relationships"]
            add(f"| {r['scale']}× | Neo4j | ingest DIR --neo4j | {y['documents']:,} | {y['nodes']:,} | "
                f"{y['relationships']:,} | {y['wall_seconds']:.1f} | {_f(_rate(rows, y['wall_seconds']))} | "
                f"{_f(_rate(y['relationships'], y['wall_seconds']))} | "
                f"{_f(_rate(y['relationships'], y['cpu_seconds'] + y['server_cpu_seconds'])) if 'server_cpu_seconds' in y else '–'} |")
    add("")

    steps = [("jieba", "jieba.lcut (one process)"), ("parse", "parse_file (one process)"),
             ("parse_dir_1", "parse DIR --workers 1"), ("parse_dir_n", f"parse DIR --workers {workers}"),
             ("ingest_dir", "ingest DIR (embedded)"), ("ingest_records", "ingest --records (embedded)"),
             ("reingest_records", "ingest --records again (embedded)")]
    if "neo4j_load" in base:
        steps += [("neo4j_load", "Neo4j load + re-ingest, graphs held (measure_neo4j_load)"),
                  ("neo4j_ingest_dir", "ingest DIR --neo4j (client side)")]
    scales = [r["scale"] for r in runs]
    top = runs[-1]
    add("## Peak memory")
    add("")
    from pipeline.graph.ingest import BATCH_ROWS, BATCH_SIZE

    per_doc_rows = (top["ingest_records"]["nodes"] + top["ingest_records"]["relationships"]) / top["documents"]
    in_batch = min(BATCH_SIZE, int(BATCH_ROWS / per_doc_rows))
    fits = [f"{r['scale']}×" for r in runs if r["documents"] <= in_batch]
    add("Largest resident-set sum of the step's process and its workers, MB (sampled every 20 ms). "
        "Parsing streams: a few documents per worker in flight, nothing kept. Ingesting streams too, "
        "but holds the batch it is writing and the next one, prepared meanwhile (each up to "
        f"{BATCH_SIZE} documents or {BATCH_ROWS:,} nodes and relationships: about {in_batch} "
        "documents of this corpus"
        + (f", so at {' and '.join(fits)} the whole corpus is one batch" if fits else "")
        + ") and the embedded store caches pages of its database as it grows. "
        "`measure_neo4j_load` holds every record and graph by design (it times the store alone). "
        "The Neo4j server's own memory is not included"
        + (f" (its resident set after the largest scale: {top['neo4j_server_rss_mb']:,.0f} MB)."
           if top.get("neo4j_server_rss_mb") else "."))
    add("")
    add("| step | " + " | ".join(f"{s}×" for s in scales) + f" | {scales[-1]}× ÷ {scales[0]}× |")
    add("|---|" + "---:|" * (len(scales) + 1))
    for key, label in steps:
        vals = [r[key]["peak_rss_mb"] for r in runs]
        add(f"| {label} | " + " | ".join(f"{v:,.0f}" for v in vals) + f" | {vals[-1] / vals[0]:.2f} |")
    add("")
    if "plateau" in top:
        p = top["plateau"]
        times = p["times"] * top["scale"]
        rows = p["nodes"] + p["relationships"]
        add(f"Beyond the batch bound: `ingest --records` of {times}× the corpus "
            f"({p['documents']:,} documents: the {top['scale']}× records {p['times']} times, under distinct "
            f"titles; {p['nodes']:,} nodes, {p['relationships']:,} relationships) peaked at "
            f"**{p['peak_rss_mb']:,.0f} MB**, against {top['ingest_records']['peak_rss_mb']:,.0f} MB at "
            f"{top['scale']}×, and wrote {_f(_rate(rows, p['wall_seconds']))} rows/s "
            f"({_f(_rate(p['relationships'], p['wall_seconds']))} relationships/s) in "
            f"{p['wall_seconds']:.1f} s. What still grows is the embedded store's own memory for a "
            "larger database: the Python heap stays flat (`bench/profile_paths.py ingest --memory` "
            "prints both as documents go through).")
        add("")

    add("## How cost grows")
    add("")
    add(f"CPU seconds per document at each scale ÷ CPU seconds per document at {scales[0]}× "
        "(1.00 = cost linear in the corpus; below 1, fixed costs such as start-up and loading spread "
        "over more documents). CPU time of the step's processes, which other load on the machine does "
        "not inflate as it does wall time; for the in-process jieba and parse rows the timed passes "
        "only; the Neo4j server's CPU is not counted (wall time for the Neo4j load row instead).")
    add("")

    def per_doc(r: dict, key: str) -> float:
        x = r[key]
        if key in ("jieba", "parse"):
            return x["cpu_seconds"] / x["documents"]
        if key == "neo4j_load":
            return x["first_load"]["seconds"] / x["documents"]
        return x["cpu_seconds"] / r["documents"]

    add("| step | " + " | ".join(f"{s}×" for s in scales) + " |")
    add("|---|" + "---:|" * len(scales))
    for key, label in steps:
        if key == "neo4j_load":
            label = "Neo4j load (graphs built; wall time)"
        b = per_doc(base, key)
        add(f"| {label} | " + " | ".join(f"{per_doc(r, key) / b:.2f}" for r in runs) + " |")
    add("")
    return "\n".join(L) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scales", default="1,4,16", help="corpus copies, comma-separated (default 1,4,16)")
    ap.add_argument("--workers", type=int, default=None, help="parse workers (default: every core)")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus", help="folder of .txt documents")
    ap.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    ap.add_argument("--no-neo4j", action="store_true", help="leave out the Neo4j figures")
    ap.add_argument("--neo4j-uri", default=None, help="use this server instead of starting one")
    ap.add_argument("--neo4j-clear", action="store_true",
                    help="allow emptying the server of --neo4j-uri (the bench deletes everything in it)")
    ap.add_argument("--step", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    ap.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--records", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--loads", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.step:
        run_step(args)
        return 0
    if args.neo4j_uri and not args.neo4j_clear and not args.no_neo4j:
        ap.error("the bench deletes everything in the server of --neo4j-uri: add --neo4j-clear to allow it")
    from pipeline.parallel import default_workers

    workers = args.workers or default_workers()
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    began = time.perf_counter()
    started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print("bench: preparing the corpus copies", file=sys.stderr)
    sources = prepare_sources(args.corpus)
    m = machine()
    runs = []
    neo4j_cm = None if args.no_neo4j else Neo4jForBench(args.neo4j_uri)
    neo4j_note = "not measured" if args.no_neo4j else (
        "server given by --neo4j-uri" if args.neo4j_uri else f"local instance '{BENCH_INSTANCE}'")
    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        if neo4j_cm is not None:
            with neo4j_cm as neo4j:
                for s in scales:
                    runs.append(measure_scale(sources, s, Path(tmp), workers, neo4j,
                                              plateau=PLATEAU if s == scales[-1] else 0))
                run_child("neo4j-clear", Path(tmp), env=neo4j.env())
        else:
            for s in scales:
                runs.append(measure_scale(sources, s, Path(tmp), workers, None,
                                          plateau=PLATEAU if s == scales[-1] else 0))
    seconds = time.perf_counter() - began
    args.out.write_text(render(m, runs, workers, sources, started, seconds, neo4j_note), encoding="utf-8")
    print(f"bench: wrote {args.out} in {seconds / 60:.1f} minutes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
