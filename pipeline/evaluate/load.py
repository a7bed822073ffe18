"""Reading a gold annotation and a parsed record, with one-line errors for files that are neither."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.errors import InputError

LISTS = ("parents", "references", "sections", "measures", "tasks", "targets")

# What every gold item must state (a list of acceptable values is allowed wherever docs/eval.md says so).
GOLD_KEYS = {
    "parents": ("title",),
    "references": ("title",),
    "sections": ("index", "title"),
    "measures": ("index", "section", "title"),
    "tasks": ("measure", "index", "agencies"),
    "targets": ("measure", "task", "indicator", "value", "unit", "kind", "direction", "comparator", "year",
                "baseline_year"),
}
HINT_GOLD = "see docs/annotation.md and tests/fixtures/gold/ for the shape of a gold annotation"
HINT_RECORD = "give the JSON that `policykg parse FILE --format json` prints"


def _read_json(path: str | Path, what: str, hint: str) -> dict[str, Any]:
    p = Path(path)
    if not p.exists():
        raise InputError(f"no such {what} file", path=str(p), hint="check the path")
    if p.is_dir():
        raise InputError(f"is a folder, not a {what} file", path=str(p), hint="give one JSON file")
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"the {what} file is not UTF-8 text", path=str(p), hint=hint) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"the {what} file is not JSON (line {exc.lineno}: {exc.msg})", path=str(p),
                         hint=hint) from None
    except OSError as exc:
        raise InputError(f"cannot read the {what} file ({exc.strerror})", path=str(p)) from None
    if not isinstance(data, dict):
        raise InputError(f"the {what} is not a JSON object", path=str(p), hint=hint)
    return data


def _check_lists(data: dict[str, Any], path: str | Path, what: str, hint: str) -> None:
    doc = data.get("document")
    if doc is not None and not isinstance(doc, dict):
        raise InputError(f"the {what}'s document is not an object", path=str(path), hint=hint)
    for name in LISTS:
        items = data.get(name)
        if items is None:
            continue
        if not isinstance(items, list):
            raise InputError(f"the {what}'s {name} is not a list", path=str(path), hint=hint)
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise InputError(f"the {what}'s {name}[{i}] is not an object", path=str(path), hint=hint)
            if name == "tasks":
                agencies = item.get("agencies")
                if agencies is not None and (not isinstance(agencies, list)
                                             or not all(isinstance(a, dict) for a in agencies)):
                    raise InputError(f"the {what}'s tasks[{i}].agencies is not a list of objects",
                                     path=str(path), hint=hint)


def load_gold(path: str | Path) -> dict[str, Any]:
    """A gold annotation: a record whose items state every field the scorer compares."""
    gold = _read_json(path, "gold", HINT_GOLD)
    _check_lists(gold, path, "gold", HINT_GOLD)
    for name, keys in GOLD_KEYS.items():
        for i, item in enumerate(gold.get(name) or []):
            missing = [k for k in keys if k not in item]
            if missing:
                raise InputError(f"gold {name}[{i}] lacks {', '.join(missing)}", path=str(path), hint=HINT_GOLD)
            if name == "tasks":
                for j, a in enumerate(item["agencies"] or []):
                    if "mention" not in a or "role" not in a:
                        raise InputError(f"gold tasks[{i}].agencies[{j}] lacks mention or role", path=str(path),
                                         hint=HINT_GOLD)
    return gold


def load_record(path: str | Path) -> dict[str, Any]:
    """A parsed record; missing lists count as empty, as a parser that found nothing."""
    record = _read_json(path, "record", HINT_RECORD)
    _check_lists(record, path, "record", HINT_RECORD)
    return record
