"""All metrics of one record against its gold annotation (``docs/eval.md``).

Gold and record are the JSON of ``pipeline/data/policy-record.schema.json``; a gold value may be a list
of acceptable values, and a gold target may be ``optional``. ``load.py`` checks their shape first.
"""
from __future__ import annotations

from typing import Any

from pipeline.evaluate.counting import multiset_f1, multiset_prf
from pipeline.evaluate.normalise import key, norm
from pipeline.evaluate.targets import target_metrics

DOCUMENT_FIELDS = ("title", "issuer", "date", "region", "level")

# Every metric, in the order they are printed. The last three appear only when the gold states
# the field (a target's attribute or baseline_value, the document's kind).
METRICS = (
    "document.fields", "parents.f1", "references.f1", "sections.f1", "measures.f1", "tasks.count_f1",
    "agencies.precision", "agencies.recall", "agencies.f1", "agencies.task_f1",
    "targets.precision", "targets.recall", "targets.f1", "targets.year_acc", "targets.baseline_acc",
    "targets.kind_acc", "targets.comparator_acc", "targets.task_acc", "targets.indicator_acc",
    "targets.indicator_tight_acc", "targets.attribute_acc", "targets.baseline_value_acc", "document.kind",
)
OPTIONAL_METRICS = frozenset({"targets.attribute_acc", "targets.baseline_value_acc", "document.kind"})


def _items(record: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return record.get(name, []) or []


def _field_ok(gold_doc: dict[str, Any], pred_doc: dict[str, Any], name: str) -> bool:
    want = gold_doc.get(name)
    options = want if isinstance(want, list) else [want]
    return any(norm(o) == norm(pred_doc.get(name)) for o in options)


def _agency_rows(tasks: list[dict[str, Any]], with_task: bool) -> list[tuple]:
    rows = []
    for t in tasks:
        for a in t.get("agencies", []) or []:
            head = (key(t.get("measure")), key(t.get("index"))) if with_task else (key(t.get("measure")),)
            rows.append(head + (norm(a.get("mention")), key(a.get("role"))))
    return rows


def score(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, float]:
    """Metric name -> value in [0, 1], in the order of ``METRICS``."""
    m: dict[str, float] = {}
    gd, pd = gold.get("document", {}) or {}, pred.get("document", {}) or {}
    m["document.fields"] = sum(_field_ok(gd, pd, k) for k in DOCUMENT_FIELDS) / len(DOCUMENT_FIELDS)

    m["parents.f1"] = multiset_f1([(norm(p["title"]), key(p.get("level"))) for p in _items(gold, "parents")],
                                  [(norm(p.get("title")), key(p.get("level"))) for p in _items(pred, "parents")])
    m["references.f1"] = multiset_f1([norm(r["title"]) for r in _items(gold, "references")],
                                     [norm(r.get("title")) for r in _items(pred, "references")])
    m["sections.f1"] = multiset_f1([(key(s["index"]), norm(s["title"])) for s in _items(gold, "sections")],
                                   [(key(s.get("index")), norm(s.get("title"))) for s in _items(pred, "sections")])
    m["measures.f1"] = multiset_f1(
        [(key(x["index"]), key(x["section"]), norm(x["title"])) for x in _items(gold, "measures")],
        [(key(x.get("index")), key(x.get("section")), norm(x.get("title"))) for x in _items(pred, "measures")])

    gtasks, ptasks = _items(gold, "tasks"), _items(pred, "tasks")
    m["tasks.count_f1"] = multiset_f1([key(t["measure"]) for t in gtasks], [key(t.get("measure")) for t in ptasks])
    m["agencies.precision"], m["agencies.recall"], m["agencies.f1"] = multiset_prf(
        _agency_rows(gtasks, with_task=False), _agency_rows(ptasks, with_task=False))
    m["agencies.task_f1"] = multiset_f1(_agency_rows(gtasks, with_task=True), _agency_rows(ptasks, with_task=True))

    m.update(target_metrics(_items(gold, "targets"), list(_items(pred, "targets"))))
    if "kind" in gd:
        m["document.kind"] = 1.0 if _field_ok(gd, pd, "kind") else 0.0
    return m
