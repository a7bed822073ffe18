"""Small helpers shared by tests."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
GOLD = FIXTURES / "gold"  # gold annotations (docs/annotation.md)
READERS = FIXTURES / "readers"  # small real PDF, Word and HTML files (README.md there)
CORPUS = REPO / "corpus"  # the main job's documents, plain text


def measure_text(body: str, title: str = "推进重点工作") -> str:
    """A one-section, one-measure document around ``body``."""
    return f"测试市某某工作方案\n一、重点任务\n(一){title}。{body}\n"


# A one-task document: one section, one measure, one target, one lead agency.
ONE_TASK_DOC = "某市节水方案\n一、重点任务\n（一）推进节水。到2025年，城市再生水利用率达到30%。（市水务局牵头）\n"


def one_document_store(folder: Path) -> Path:
    """An embedded store in ``folder`` holding ONE_TASK_DOC, ingested by the real CLI."""
    import subprocess
    import sys

    doc = folder / "plan.txt"
    doc.write_text(ONE_TASK_DOC, encoding="utf-8")
    store = folder / "store"
    res = subprocess.run([str(Path(sys.executable).with_name("policykg")), "ingest", str(doc), "--store", str(store)],
                         capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr
    return store
