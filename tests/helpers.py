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
