"""``policykg eval GOLD RECORD``: score a parsed record against a gold annotation."""
from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.errors import BelowFloor


def _floors(_ctx, _param, specs: tuple[str, ...]):
    from pipeline.evaluate import parse_floor

    try:
        return [parse_floor(s) for s in specs]
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def register(cli: click.Group) -> None:
    @cli.command("eval")
    @click.argument("gold", type=click.Path(path_type=Path))
    @click.argument("record", type=click.Path(path_type=Path))
    @click.option("--min", "floors", multiple=True, metavar="METRIC=VALUE", callback=_floors,
                  help="fail (exit 1) when METRIC is below VALUE; repeatable")
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
    def eval_cmd(gold: Path, record: Path, floors, fmt: str) -> None:
        """Score RECORD (what `policykg parse FILE --format json` printed) against GOLD (a hand annotation).

        Prints every metric (sections.f1, agencies.f1, targets.f1, targets.year_acc …) in [0, 1]; the
        matching rules are in docs/eval.md, the annotation rules in docs/annotation.md.

        \b
        Example:
          policykg parse corpus/qingdao-2022-pollution-plan.txt --format json > rec.json
          policykg eval tests/fixtures/gold/qingdao-2022-pollution-plan.gold.json rec.json --min targets.f1=0.95

        Exit codes: 0 scored (and every floor met), 1 a floor not met, 2 a file that is not a gold
        annotation or a record, or a bad --min.
        """
        from pipeline.evaluate import below_floors, load_gold, load_record, score

        metrics = score(load_gold(gold), load_record(record))
        if fmt == "json":
            click.echo(json.dumps(metrics, ensure_ascii=False))
        else:
            for name, value in metrics.items():
                click.echo(f"{name:28s} {value:.3f}")
        short = below_floors(metrics, floors)
        if short:
            raise BelowFloor("below floor: " + " ".join(short), path=str(record))
