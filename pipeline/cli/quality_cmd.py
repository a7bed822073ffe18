"""``policykg quality``: how well a folder of documents was read (a benchmark, not a test)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from pipeline.errors import InputError


def _read_records(path: str) -> list[dict]:
    records = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError:
                        raise InputError(f"line {n} is not JSON", path=path,
                                         hint="give the JSON lines `policykg parse DIR` prints") from None
    except OSError as exc:
        raise InputError(f"cannot read records ({exc.strerror})", path=path, hint="check the path") from None
    return records


def _parse_folder(path: str, workers: int) -> list[dict]:
    from pipeline.cli.parse_cmd import expand_paths, parse_paths

    records = []
    for _, text, err in parse_paths(expand_paths([path]), workers, "jsonl"):
        if err:
            click.echo(f"policykg: skipped: {err}", err=True)
        else:
            records.append(json.loads(text))
    return records


def _names(list_file: str) -> set[str]:
    try:
        lines = Path(list_file).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read the list ({exc.strerror})", path=list_file, hint="check the path") from None
    return {x.strip() for x in lines if x.strip() and not x.startswith("#")}


def register(cli: click.Group) -> None:
    @cli.command("quality")
    @click.argument("path", required=False, type=click.Path())
    @click.option("--records", "records_file", type=click.Path(), default=None,
                  help="JSON lines printed by `policykg parse DIR` instead of parsing PATH")
    @click.option("--split", "split_file", type=click.Path(), default=None,
                  help="a list of file names (one a line, # comments): report them apart from the rest")
    @click.option("--examples", type=int, default=0, metavar="N",
                  help="print N examples of each fault (with --split, only of the documents not listed, "
                       "so a held-out list stays unread)")
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
    @click.option("--workers", type=int, default=None, help="processes for parsing (default: every core)")
    def quality_cmd(path: Optional[str], records_file: Optional[str], split_file: Optional[str], examples: int,
                    fmt: str, workers: Optional[int]) -> None:
        """Shares of documents, targets and names that look well read, for a folder."""
        from pipeline.cli.parse_cmd import default_workers
        from pipeline.parse.nlp import load_nlp
        from pipeline.quality import measure, report

        if records_file:
            records = _read_records(records_file)
        elif path:
            if not Path(path).exists():
                raise InputError("no such file or folder", path=path, hint="check the path")
            records = _parse_folder(path, workers or default_workers())
        else:
            raise InputError("nothing to measure", hint="give a folder, or --records FILE.jsonl")
        load_nlp()  # loads jieba's dictionary and ours

        def segment(text: str) -> list[str]:
            import jieba

            return list(jieba.cut(text, HMM=False))  # dictionary words, as the parser's name rules

        groups = [("all", records)]
        if split_file:
            names = _names(split_file)
            listed = [r for r in records if Path((r.get("document") or {}).get("source") or "").name in names]
            rest = [r for r in records if r not in listed]
            groups = [("all", records), ("listed", listed), ("rest", rest)]
        columns = [(name, measure(rs, segment, keep=examples)) for name, rs in groups]
        if fmt == "json":
            click.echo(json.dumps({name: {"documents": q.documents, "targets": q.targets, "indicators": q.indicators,
                                          "agencies": q.agencies, **q.shares()} for name, q in columns},
                                  ensure_ascii=False, indent=2))
        else:
            shown = columns[-1:] if examples else []
            click.echo(report(columns, examples=shown))
