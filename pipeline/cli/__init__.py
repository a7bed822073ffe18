"""The ``policykg`` command line.

Each command group lives in a module of its own in this package; this module
builds the click group, imports a command's module only when that command runs
(``policykg parse`` imports ``parse_cmd`` alone: start-up time, issue 18; help and
an unknown name import them all), and turns every ``PolicykgError`` (and any unexpected
failure) into one line on stderr and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import os
import sys

import click

from pipeline import __version__
from pipeline.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, PolicykgError, printable


class _Group(click.Group):
    def get_command(self, ctx, cmd_name):
        if cmd_name not in self.commands:
            _register(f"{cmd_name}_cmd")  # the command named as its module, first
        if cmd_name not in self.commands:
            _register()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx):
        _register()
        return super().list_commands(ctx)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PolicykgError as exc:
            click.echo(f"policykg: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("policykg: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            ctx.exit(0)
        except Exception as exc:  # noqa: BLE001 - last line of defence for the user
            if os.environ.get("POLICYKG_DEBUG"):
                raise
            msg = printable(str(exc).splitlines()[0]) if str(exc) else ""
            click.echo(f"policykg: internal error: {type(exc).__name__}: {msg} "
                       "— rerun with POLICYKG_DEBUG=1 for details and report it", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policykg")
def cli() -> None:
    """Turn Chinese government policy documents into a knowledge graph."""


_REGISTERED: set[str] = set()


def _register(only: str | None = None) -> None:
    """Register the commands of every module below (or of module ``only``), once each."""
    from importlib import import_module

    for name in ("parse_cmd", "graph_cmds", "compare_cmd", "neo4j_cmd", "eval_cmd", "quality_cmd",
                 "diffusion_cmd", "similar_cmd", "network_cmd", "search_cmd", "show_cmd"):
        if (only is not None and name != only) or name in _REGISTERED:
            continue
        _REGISTERED.add(name)
        try:
            mod = import_module(f"pipeline.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"pipeline.cli.{name}":
                continue
            raise
        mod.register(cli)


def main() -> None:
    cli(prog_name="policykg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
