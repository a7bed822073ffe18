"""Agency and responsibility-note quality of parsed records (a benchmark, not a test).

    .venv/bin/python bench/agency_quality.py RECORDS.jsonl [--heldout bench/heldout.txt]
        [--manifest ../shared/corpus-wide/MANIFEST.tsv] [--show N]

RECORDS.jsonl is what ``policykg parse DIR --format jsonl`` prints. For the documents whose
file is (not) listed in the held-out file it prints, separately:

* placeless: agency names (not marked collective) with a bare scope prefix (省发展和改革委员会,
  市生态环境局) in a document that has a place (its region, else a place heading its true
  title from --manifest or its parsed title);
* junk: names that look like fragments (a role word or 等/分别 kept, unbalanced brackets, a
  doubled word or place, clause punctuation, over 30 characters);
* no system: names (not collective) with no ``system``;
* collectives: names marked ``collective`` (and those that look like one but are not marked);
* silent notes: bracketed groups of a measure's text that read as a responsibility note
  (a 责任单位:/牵头单位: label, or ending in 牵头/负责/配合…) but whose measure has no task
  whose first agency opens the note.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.parse.fold import fold  # noqa: E402
from pipeline.parse.metadata import place_of  # noqa: E402
from pipeline.parse.notes import bracket_spans  # noqa: E402

BARE = re.compile(r"^(?:省|市|区|县|自治区|州)(?!场)")
COLLECTIVE_LOOK = re.compile(r"^(?:各|有关|相关|地方各级|其他)|(?:各级|有关|相关)(?:部门|单位)$")
JUNK = [
    ("role word kept", re.compile(r"(?:牵头|负责|配合|参与|协助|落实|分别|等)$|分别|按(?:照)?(?:职责|职能)?分工|按职责|"
                                  r"等(?:相关|有关|部门|单位|市级|省级)")),
    ("category rest", re.compile(r"^(?:部门|单位|机构)$")),
    ("unbalanced bracket", None),
    ("doubled word", re.compile(r"([\u4e00-\u9fff]{2,})\1")),
    ("doubled place", re.compile(r"^([\u4e00-\u9fff]{2,3})(?:省|市|自治区)\1")),
    ("punctuation", re.compile(r"[,;:。:;，；]")),
    ("too long", re.compile(r"^.{31,}$")),
]
NOTE_LIKE = re.compile(r"(?:牵头|责任|配合|主办|协办)(?:单位|部门)\s*:|(?:牵头|负责|配合|参与|按职责分工负责|分别牵头)\s*$")
LABEL = re.compile(r"^[^:]{0,8}:\s*")
OPEN, CLOSE = "([〔【〈《", ")]〕】〉》"


def unbalanced(s: str) -> bool:
    f = fold(s)
    return sum(f.count(c) for c in OPEN) != sum(f.count(c) for c in CLOSE)


def junk_reason(name: str) -> str | None:
    for why, rx in JUNK:
        if rx is None:
            if unbalanced(name):
                return why
        elif rx.search(fold(name)):
            return why
    return None


MANIFEST: dict[str, str] = {}  # file name -> the collection's own title (--manifest)


def doc_place(rec: dict) -> str | None:
    """The document's region, else the place heading its true title (MANIFEST) or its parsed one."""
    d = rec["document"]
    if d.get("region") and d["region"] not in ("全国", "unknown", "自治区", "省", "市"):
        return d["region"]
    true_title = MANIFEST.get(Path(d.get("source") or "").name, "")
    return place_of(true_title) or place_of(d.get("title") or "")


def silent_notes(rec: dict) -> list[str]:
    """Note-like groups not matched, in reading order, to a task whose first agency opens them."""
    out = []
    by_measure: dict = {}
    for t in rec["tasks"]:
        if t["agencies"]:
            by_measure.setdefault(t["measure"], []).append(fold(t["agencies"][0]["mention"]))
    for m in rec["measures"]:
        text = m.get("text") or ""
        folded = fold(text)
        firsts = by_measure.get(m["index"], [])
        k = 0
        for a, b in bracket_spans(folded):
            inner = folded[a + 1:b - 1]
            if len(inner) > 200 or not NOTE_LIKE.search(inner):
                continue
            head = LABEL.sub("", inner, count=1)
            j = next((j for j in range(k, len(firsts)) if firsts[j] and firsts[j] in head[:len(firsts[j]) + 4]), None)
            if j is None:
                out.append(text[a:b])
            else:
                k = j + 1
    return out


def measure(records: list[dict], show: int) -> dict:
    c: Counter = Counter()
    examples: dict[str, Counter] = {k: Counter() for k in ("placeless", "junk", "collective-unmarked", "silent", "no system")}
    for rec in records:
        place = doc_place(rec)
        c["documents"] += 1
        for t in rec["tasks"]:
            for a in t["agencies"]:
                name = a.get("name") or a["mention"]
                c["agency mentions"] += 1
                if place and BARE.match(name) and not a.get("collective"):
                    c["placeless"] += 1
                    examples["placeless"][f"{name} ({place})"] += 1
                why = junk_reason(name) or junk_reason(a["mention"])
                if why:
                    c["junk"] += 1
                    examples["junk"][f"{a['mention']} -> {name} [{why}]"] += 1
                if not a.get("collective") and not a.get("system"):
                    c["no system"] += 1
                    examples["no system"][name] += 1
                if a.get("collective"):
                    c["collective"] += 1
                elif COLLECTIVE_LOOK.search(fold(name)):
                    c["collective-unmarked"] += 1
                    examples["collective-unmarked"][name] += 1
        for n in silent_notes(rec):
            c["silent notes"] += 1
            examples["silent"][n[:80]] += 1
    result = dict(c)
    if show:
        result["examples"] = {k: v.most_common(show) for k, v in examples.items()}
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records")
    ap.add_argument("--heldout", default=str(Path(__file__).with_name("heldout.txt")))
    ap.add_argument("--manifest", default="", help="MANIFEST.tsv (file, number, title): true titles give places")
    ap.add_argument("--show", type=int, default=0, help="print the N commonest examples of each kind")
    args = ap.parse_args()
    held = {x.strip() for x in Path(args.heldout).read_text("utf-8").splitlines()
            if x.strip() and not x.startswith("#")}
    if args.manifest:
        for line in Path(args.manifest).read_text("utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) >= 3:
                MANIFEST[cols[0]] = cols[2]
    records = [json.loads(x) for x in Path(args.records).read_text("utf-8").splitlines() if x.strip()]
    parts = {"not held out": [], "held out": []}
    for r in records:
        parts["held out" if Path(r["document"].get("source", "")).name in held else "not held out"].append(r)
    for name, recs in parts.items():
        if recs:
            print(name, json.dumps(measure(recs, args.show), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
