"""The one test that scores the development document against its gold annotation."""
from __future__ import annotations

import json
import subprocess
import sys

from pipeline.parse import parse_file
from tests.helpers import shared_dir

FLOORS = {
    # issue 2
    "sections.f1": 1.0, "measures.f1": 1.0, "tasks.count_f1": 1.0, "agencies.f1": 0.98, "agencies.task_f1": 0.97,
    # issue 3
    "targets.f1": 0.95, "targets.year_acc": 0.95, "targets.kind_acc": 0.9, "targets.indicator_acc": 0.9,
    "targets.task_acc": 0.95,
    # issue 4
    "document.fields": 0.8, "parents.f1": 1.0, "references.f1": 1.0,
}


def test_development_document_scores(tmp_path):
    shared = shared_dir()
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(parse_file(shared / "corpus" / "qingdao-2022-pollution-plan.txt").to_dict(),
                               ensure_ascii=False), encoding="utf-8")
    args = [sys.executable, str(shared / "eval" / "score.py"), str(shared / "gold" / "qingdao-2022-pollution-plan.gold.json"),
            str(pred), "--json"] + [a for k, v in FLOORS.items() for a in ("--min", f"{k}={v}")]
    proc = subprocess.run(args, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
