"""``policykg parse``: documents to records (JSON, JSON lines, or a readable table)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional

import click

from pipeline.errors import InputError, PolicykgError



def _parse_one(job: tuple[str, str]) -> tuple[str, Optional[str], Optional[str]]:
    """Worker: (path, the record written in format ``fmt``, error message).

    The record is formatted here, in the worker, so the parent only writes text:
    with many workers it would otherwise be the bottleneck.
    """
    from pipeline.parse import parse_file

    path, fmt = job
    try:
        return path, format_record(parse_file(path).to_dict(), fmt), None
    except PolicykgError as exc:
        return path, None, str(exc)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop a folder
        return path, None, f"{path}: internal error while parsing: {type(exc).__name__}: {exc}"


def format_record(rec: dict, fmt: str) -> str:
    """One record as ``policykg parse`` prints it (with its final newline)."""
    if fmt == "json":
        return json.dumps(rec, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(rec, ensure_ascii=False) + "\n"
    return _table(rec) + "\n\n"


def parse_paths(paths: list[str], workers: int, fmt: str = "jsonl"
                ) -> Iterator[tuple[str, Optional[str], Optional[str]]]:
    """Parse files in order, using ``workers`` processes; results keep the input order
    and stream (a few documents per worker in flight, whatever the folder's size)."""
    from pipeline.parallel import ordered_map

    return ordered_map(_parse_one, ((p, fmt) for p in paths), min(workers, len(paths)))


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files as given and every supported file of each folder, in file-name order."""
    from pipeline.read import list_documents

    out: list[str] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError("no such file or folder", path=str(p), hint="check the path")
        if path.is_dir():
            found = list_documents(path)
            if not found:
                raise InputError("no supported documents in this folder (.txt .html .pdf .docx)", path=str(p))
            out.extend(str(f) for f in found)
        else:
            out.append(str(path))
    return out


def default_workers() -> int:
    from pipeline.parallel import default_workers as every_core

    return every_core()


def _table(rec: dict) -> str:
    d = rec["document"]
    lines = [
        f"{d['title']}",
        f"  issuer: {d.get('issuer') or '-'}   date: {d.get('date') or '-'}   region: {d.get('region') or '-'}"
        f"   level: {d.get('level') or '-'}",
        f"  {len(rec['sections'])} sections, {len(rec['measures'])} measures, {len(rec['tasks'])} tasks, "
        f"{len(rec['targets'])} targets, {len(rec['parents'])} parents, {len(rec['references'])} references",
    ]
    for p in rec["parents"]:
        lines.append(f"  implements: 《{p['title']}》 ({p.get('level') or '?'})")
    counts: dict[str, int] = {}
    for t in rec["tasks"]:
        for a in t["agencies"]:
            if a["role"] == "lead" or a["role"] == "shared":
                counts[a.get("name") or a["mention"]] = counts.get(a.get("name") or a["mention"], 0) + 1
    if counts:
        lines.append("  agencies by tasks led or shared:")
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]:
            lines.append(f"    {n:4d}  {name}")
    if rec["targets"]:
        lines.append("  targets:")
        for t in rec["targets"]:
            where = f"m{t['measure']}" if t["measure"] is not None else "-"
            lines.append(f"    {where:>4} {t['indicator'][:30]:<30} {t['comparator']:>2} {t.get('value_text') or t['value']}"
                         f"  {t['kind']}{'/' + t['direction'] if t['direction'] else ''}  by {t['year'] or '-'}"
                         f"{'  vs ' + str(t['baseline_year']) if t['baseline_year'] else ''}")
    return "\n".join(lines)


def register(cli: click.Group) -> None:
    @cli.command("parse")
    @click.argument("path", type=click.Path())
    @click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default=None,
                  help="json: one record (a file); jsonl: one record per line; table: a readable summary. "
                       "Default: json for a file, jsonl for a folder.")
    @click.option("--workers", type=int, default=None, help="processes for a folder (default: every core)")
    def parse_cmd(path: str, fmt: Optional[str], workers: Optional[int]) -> None:
        """Parse a policy document (or every document of a folder) into records."""
        p = Path(path)
        if not p.exists():
            raise InputError("no such file or folder", path=path, hint="check the path")
        if p.is_dir() and fmt == "json":
            raise InputError("is a folder; --format json prints one document",
                             path=path, hint="use --format jsonl (or table) to parse every file in it")
        fmt = fmt or ("jsonl" if p.is_dir() else "json")
        files = expand_paths([path])
        failed = 0
        out = sys.stdout
        for fpath, text, err in parse_paths(files, workers or default_workers(), fmt):
            if err:
                failed += 1
                click.echo(f"policykg: error: {err}", err=True)
                if not p.is_dir():
                    raise SystemExit(InputError.exit_code)
                continue
            out.write(text)
            out.flush()
        if failed:
            click.echo(f"policykg: {failed} of {len(files)} documents could not be parsed", err=True)
            raise SystemExit(InputError.exit_code)

