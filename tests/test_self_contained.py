"""The repository stands on its own: nothing it ships reaches for a folder beside the checkout."""
from __future__ import annotations

import re

from pipeline.data import policy_record_schema
from tests.helpers import REPO

BESIDE = re.compile(r"\.\./shared|/work/shared|parents\[1\]\.parent|REPO\.parent")


def _shipped_texts():
    for folder, pattern in [(REPO, "README.md"), (REPO / "docs", "*.md"), (REPO / "tests", "**/*.py"),
                            (REPO / "pipeline", "**/*.py"), (REPO / "scripts", "*.sh"), (REPO / ".ci", "*"),
                            (REPO / "corpus", "*.md")]:
        yield from (p for p in folder.glob(pattern) if p.is_file() and p.name != "test_self_contained.py")


def test_no_shipped_file_points_beside_the_checkout():
    offenders = [f"{p.relative_to(REPO)}:{i}" for p in _shipped_texts()
                 for i, line in enumerate(p.read_text("utf-8", errors="replace").splitlines(), 1)
                 if BESIDE.search(line)]
    assert not offenders, offenders


def test_the_contract_ships_in_the_package():
    schema = policy_record_schema()
    assert schema["required"] == ["document", "parents", "references", "sections", "measures", "tasks", "targets"]
    schema["required"].clear()  # a copy: changing it does not change the next caller's
    assert policy_record_schema()["required"]
