"""Document fields on a real collection: titles against MANIFEST.tsv, and field coverage.

    .venv/bin/python bench/title_agreement.py CORPUS_DIR [--records FILE.jsonl] [--save FILE.jsonl]
                                              [--show-disagreements]

CORPUS_DIR holds the PDFs and ``MANIFEST.tsv`` (columns file, number, title, source), e.g.
``../shared/corpus-wide``. Without ``--records`` the folder is parsed once with
``policykg parse CORPUS_DIR --format jsonl --workers 1`` (a few minutes on one core); ``--save``
keeps those records so a later run can pass them to ``--records``.

A parsed title **agrees** with the manifest's when, after ``normalise_title`` (NFKC, 《》,
punctuation and white space removed, a cover-notice frame unwrapped) and with every 的 dropped
(the hand-made table writes 实施方案 for 的实施方案 now and then):

* the two are equal; or
* one is the other with a leading issuer or place added: the longer ends with the shorter and
  what it adds is a body or place (it ends like an issuer — 人民政府, 委员会, 厅, 局, 部, 省, 市 … —
  or is the issuers before a 关于 both share: 中共江西省委江西省人民政府关于… against
  江西省关于…, or 石家庄关于… whose 石家庄 stands inside the issuers); or
* one is the other with a body's name after the place both open with (深圳市工业和信息化局支持…
  against 深圳市支持…); or
* one has a closing bracketed qualifier ((试行), (2021-2025年)) the other lacks, and they agree
  without it; or
* the manifest's title is the cover notice of the parsed plan: it is the parsed title with 的通知
  added (关于…的指导意见的通知 against 关于…的指导意见); or
* the manifest's title is two titles in one (《A》《B》) and the parsed title is one of them; or
* one has the genre word 白皮书 after the title and the other does not: a white paper's own
  heading is its name (新时代的中国能源发展), which the table, like the press, writes with the
  genre after it (新时代的中国能源发展白皮书; 《…》白皮书). Run with ``--strict`` to count these
  as disagreements.

Coverage is the share of parsed records with the field set (issuer, date, number, kind); region
and level are also checked against the place the manifest's title starts with (江西省… must be
region 江西省, level provincial; a title starting with 关于/“十四五” says nothing and is not
counted). Figures are given for the held-out files (``bench/heldout.txt``) and for the rest
separately; ``--show-disagreements`` lists the disagreeing titles of the non-held-out files only.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.parse.metadata import level_of_place, place_of  # noqa: E402
from pipeline.parse.titles import normalise_title  # noqa: E402

_ISSUERISH = re.compile(r"(?:中央|国务院|委员会|人民政府|政府|办公厅|办公室|委|厅|局|部|院|署|会|党组|省|市|区|县|州|盟|旗|自治区|"
                        r"等\d+部门|等部门)$")
_QUALIFIER = re.compile(r"(?:[(（][^()（）]{1,24}[)）])+\s*$")


def _key(title: str) -> str:
    return normalise_title(title or "").replace("的", "")


_GENRE = re.compile(r"》?\s*白皮书\s*$")


def titles_agree(parsed: str, manifest: str, strict: bool = False) -> bool:
    """See the module docstring; ``strict`` leaves out the 白皮书 genre rule."""
    if _agree(parsed, manifest):
        return True
    if not strict:
        p, m = _GENRE.sub("", parsed.strip()), _GENRE.sub("", manifest.strip())
        if (p != parsed.strip()) != (m != manifest.strip()) and titles_agree(p, m, strict=True):
            return True
    # one side without the other's closing qualifier: (试行), (2021-2025年)
    p, m = _QUALIFIER.sub("", parsed.strip()), _QUALIFIER.sub("", manifest.strip())
    if (p != parsed.strip() or m != manifest.strip()) and _agree(p, m):
        return True
    # the manifest names the cover notice (关于…的通知) of the plan parsed (关于…)
    notice = re.sub(r"的?通知$", "", manifest.strip())
    return notice != manifest.strip() and _agree(parsed, notice)


def _agree(parsed: str, manifest: str) -> bool:
    p, m = _key(parsed), _key(manifest)
    if not p or not m:
        return False
    if p == m:
        return True
    long, short = (p, m) if len(p) > len(m) else (m, p)
    if long.endswith(short) and _ISSUERISH.search(long[: len(long) - len(short)]):
        return True
    if "关于" in p and "关于" in m:
        pa, pb = p.split("关于", 1)
        ma, mb = m.split("关于", 1)
        if pb == mb and all(not x or _ISSUERISH.search(x) for x in (pa, ma)):
            return True
        long, short = (pa, ma) if len(pa) > len(ma) else (ma, pa)
        if pb == mb and short and short in long and _ISSUERISH.search(long):
            return True
    place = place_of(manifest) or place_of(parsed)
    if place:
        pk = _key(place)
        if p.startswith(pk) and m.startswith(pk):
            lp, sp = (p, m) if len(p) > len(m) else (m, p)
            rest = sp[len(pk):]
            if lp.endswith(rest) and _ISSUERISH.search(lp[: len(lp) - len(rest)]):
                return True
    parts = re.findall(r"《([^》]+)》", manifest)
    if len(parts) > 1 and any(_key(x) == p for x in parts):
        return True
    return False


def read_manifest(corpus: Path) -> dict[str, str]:
    with open(corpus / "MANIFEST.tsv", encoding="utf-8", newline="") as f:
        return {row["file"]: row["title"] for row in csv.DictReader(f, delimiter="\t")}


def read_heldout() -> set[str]:
    lines = (REPO / "bench" / "heldout.txt").read_text(encoding="utf-8").splitlines()
    return {x.strip() for x in lines if x.strip() and not x.startswith("#")}


def parse_corpus(corpus: Path) -> list[dict]:
    exe = REPO / ".venv" / "bin" / "policykg"
    cmd = [str(exe) if exe.exists() else "policykg", "parse", str(corpus), "--format", "jsonl", "--workers", "1"]
    out = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.1f}%)" if d else "0/0"


def report(name: str, files: list[str], manifest: dict[str, str], records: dict[str, dict],
           strict: bool = False) -> list[tuple]:
    parsed = [f for f in files if f in records]
    agree, agree_strict, wrong = 0, 0, []
    cov = {k: 0 for k in ("issuer", "date", "region", "level", "number", "kind", "effective")}
    placed = place_right = level_right = said_national = 0
    for f in parsed:
        d = records[f]["document"]
        agree_strict += titles_agree(d["title"], manifest[f], strict=True)
        if titles_agree(d["title"], manifest[f], strict=strict):
            agree += 1
        else:
            wrong.append((f, manifest[f], d["title"]))
        for k in cov:
            cov[k] += bool(d.get(k))
        place = place_of(manifest[f])
        if place:
            placed += 1
            place_right += d.get("region") == place
            level_right += d.get("level") == level_of_place(place)
            said_national += d.get("level") == "national" and level_of_place(place) != "national"
    print(f"{name}: {len(files)} files, {len(parsed)} parsed")
    print(f"  titles agreeing with MANIFEST.tsv  {_pct(agree, len(parsed))}")
    if not strict:
        print(f"  ... without the 白皮书 genre rule   {_pct(agree_strict, len(parsed))}")
    print(f"  region = the title's place          {_pct(place_right, placed)}")
    print(f"  level of the title's place          {_pct(level_right, placed)}")
    print(f"  national for a local title          {_pct(said_national, placed)}")
    for k, v in cov.items():
        print(f"  {k + ' given':<34} {_pct(v, len(parsed))}")
    return wrong


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--records", type=Path, help="JSON lines `policykg parse DIR --format jsonl` printed")
    ap.add_argument("--save", type=Path, help="write the records parsed here to this file")
    ap.add_argument("--show-disagreements", action="store_true")
    ap.add_argument("--strict", action="store_true", help="count a 白皮书 the other title lacks as a disagreement")
    args = ap.parse_args(argv)
    manifest = read_manifest(args.corpus)
    if args.records:
        rows = [json.loads(x) for x in args.records.read_text(encoding="utf-8").splitlines() if x.strip()]
    else:
        rows = parse_corpus(args.corpus)
        if args.save:
            args.save.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    records = {Path(r["document"]["source"]).name: r for r in rows}
    heldout = read_heldout()
    files = sorted(manifest)
    rest = [f for f in files if f not in heldout]
    wrong = report("not held out", rest, manifest, records, args.strict)
    print()
    report("held out (bench/heldout.txt)", [f for f in files if f in heldout], manifest, records, args.strict)
    print()
    report("all", files, manifest, records, args.strict)
    if args.show_disagreements:
        print("\ndisagreements (not held out): file | manifest | parsed")
        for f, m, p in wrong:
            print(f"  {f} | {m} | {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
