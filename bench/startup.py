"""Start-up of `policykg parse FILE`: this checkout against an older commit, run in turn.

    .venv/bin/python bench/startup.py FILE [--base REV] [--runs N] [--importtime]

The source of ``REV`` (default ``f26421f``, before the start-up changes of issue 18)
is extracted with ``git archive`` into a temporary folder; each run is a fresh
``python`` that imports ``pipeline`` from one of the two trees (the editable
install's finder is taken off ``sys.meta_path``, so both pay the same interpreter
start-up) and runs ``policykg parse FILE --format json`` with its output to a
pipe. Runs alternate A (this checkout) and B (REV), after one warm-up each; the
ratio A/B is taken pair by pair and its median printed beside each side's median
wall and CPU seconds (``RUSAGE_CHILDREN`` of the run), so a machine whose load
drifts during the call still gives a meaningful ratio. Both outputs are compared
byte for byte. ``--importtime`` adds the ten slowest imports (``python -X importtime``,
cumulative) of each tree.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

RUNNER = r"""
import sys
tree = sys.argv[1]
sys.meta_path = [f for f in sys.meta_path if "editable" not in getattr(type(f), "__module__", "")
                 and "editable" not in getattr(f, "__module__", "")]
sys.path.insert(0, tree)
sys.argv = ["policykg"] + sys.argv[2:]
import pipeline
assert pipeline.__file__.startswith(tree), pipeline.__file__
from pipeline.cli import main
main()
"""


def run_once(runner: str, tree: str, file: str, extra: list[str] | None = None) -> tuple[float, float, bytes]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = subprocess.run([sys.executable, *(extra or []), runner, tree, "parse", file, "--format", "json"],
                         capture_output=True, stdin=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode:
        raise SystemExit(f"parse failed in {tree}: {res.stderr.decode(errors='replace')[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, res.stdout if not extra else res.stderr


def slowest_imports(runner: str, tree: str, file: str, n: int = 10) -> list[tuple[int, str]]:
    _, _, err = run_once(runner, tree, file, ["-X", "importtime"])
    rows = []
    for line in err.decode(errors="replace").splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cum, name = line.split("|")
            if cum.strip().isdigit():
                rows.append((int(cum), name.rstrip()))
    return sorted(rows, reverse=True)[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--base", default="f26421f")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--importtime", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="policykg-startup-") as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.base, "pipeline"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        runner = str(Path(tmp) / "runner.py")
        Path(runner).write_text(RUNNER, encoding="utf-8")
        trees = {"A": str(REPO), "B": str(base)}
        outputs = {k: run_once(runner, t, args.file)[2] for k, t in trees.items()}  # warm-up
        figures: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
        for _ in range(args.runs):
            for k, t in trees.items():
                wall, cpu, _ = run_once(runner, t, args.file)
                figures[k].append((wall, cpu))
        med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
               for k, v in figures.items()}
        ratio_wall = statistics.median(a[0] / b[0] for a, b in zip(figures["A"], figures["B"]))
        ratio_cpu = statistics.median(a[1] / b[1] for a, b in zip(figures["A"], figures["B"]))
        load = os.getloadavg()[0]
        print(f"policykg parse {Path(args.file).name} --format json, {args.runs} runs each in turn, "
              f"load average {load:.1f}")
        print("| | wall s (median) | CPU s (median) |\n|---|---:|---:|")
        print(f"| A this checkout | {med['A'][0]:.3f} | {med['A'][1]:.3f} |")
        print(f"| B {args.base} | {med['B'][0]:.3f} | {med['B'][1]:.3f} |")
        print(f"| A/B (median of pairs) | **{ratio_wall:.2f}** | **{ratio_cpu:.2f}** |")
        print(f"outputs byte-identical: {'yes' if outputs['A'] == outputs['B'] else 'NO'}")
        if args.importtime:
            for k, t in trees.items():
                print(f"\nslowest imports, {k} (cumulative µs):")
                for us, name in slowest_imports(runner, t, args.file):
                    print(f"  {us:>9}  {name.strip()}")


if __name__ == "__main__":
    main()
