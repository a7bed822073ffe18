"""Small helpers shared by tests."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_dir() -> Path:
    """../shared beside the checkout; its absence is a failure, never a skip."""
    assert SHARED.is_dir(), f"../shared not found at {SHARED}: the tests need the shared corpus, gold and contract"
    return SHARED


def measure_text(body: str, title: str = "推进重点工作") -> str:
    """A one-section, one-measure document around ``body``."""
    return f"测试市某某工作方案\n一、重点任务\n(一){title}。{body}\n"
