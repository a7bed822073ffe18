"""``policykg neo4j start|stop|status|import``: the local Neo4j server with Neo4j Browser."""
from __future__ import annotations

from pathlib import Path

import click


def _config(bolt_port: int | None = None, http_port: int | None = None, style: Path | None = None):
    from pipeline.neo4j.config import check_port, load_config

    if bolt_port is not None:
        check_port(bolt_port, "--bolt-port")
    if http_port is not None:
        check_port(http_port, "--http-port")
    return load_config(bolt_port=bolt_port, http_port=http_port, style_file=style)


def _describe(server, echo=click.echo) -> None:
    echo(f"  Bolt:    {server.bolt_uri}  (user neo4j)")
    echo(f"  Browser: {server.browser_url}")
    echo(f"  Guide:   :guide {server.guide_url}  (type it in Browser: the research questions)")
    echo(f"  Folder:  {server.home}")
    echo(f"  Log:     {server.log}")


@click.group("neo4j")
def neo4j_group() -> None:
    """Run a local Neo4j 5.26 server (127.0.0.1 only) with Neo4j Browser.

    The jars are resolved once from Maven Central with Maven into
    ~/.cache/policykg (or $POLICYKG_CACHE_DIR). The password of user neo4j comes
    from NEO4J_PASSWORD, else from ~/.config/policykg/neo4j.conf, which is created
    with a random password (mode 0600) on the first start.
    """


@neo4j_group.command("start")
@click.option("--bolt-port", type=int, default=None, help="Bolt port on 127.0.0.1 [env NEO4J_BOLT_PORT; 7687].")
@click.option("--http-port", type=int, default=None, help="HTTP/Browser port [env NEO4J_HTTP_PORT; 7474].")
@click.option("--style", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Browser graph style (.grass) [env POLICYKG_NEO4J_STYLE; graph_schema/style.grass].")
@click.option("--timeout", type=float, default=180.0, show_default=True,
              help="Seconds to wait for Bolt to answer.")
@click.option("--warm-up/--no-warm-up", "warm", default=True, show_default=True,
              help="write and delete synthetic documents once started, so the first real load runs at "
                   "a warm server's speed [env POLICYKG_NEO4J_WARMUP_ROWS=0 also skips it]")
def start_cmd(bolt_port: int | None, http_port: int | None, style: Path | None, timeout: float,
              warm: bool) -> None:
    """Start the server (if it is not running) and wait until Bolt answers.

    Progress goes to stderr while it waits (about a minute); then the Bolt URI, the
    Browser URL and the `:guide` command that opens the research questions in Browser.
    A server this command started is warmed up before it returns (pipeline/neo4j/warmup.py):
    synthetic documents are written through the ingest path and deleted, leaving
    nothing but the graph's constraints and indexes.
    """
    from pipeline.neo4j.server import ServerStartError, start

    cfg = _config(bolt_port, http_port, style)
    try:
        result = start(cfg, timeout=timeout, echo=lambda msg: click.echo(msg, err=True))
    except ServerStartError as exc:
        if exc.log_tail:
            click.echo(f"Last lines of {exc.path}:", err=True)
            for line in exc.log_tail:
                click.echo(f"  {line}", err=True)
        raise
    server = result.server
    if result.already_running:
        click.echo(f"Neo4j is already running (pid {server.pid}).")
        if server.bolt_uri != cfg.bolt_uri or server.browser_url != cfg.browser_url:
            click.echo("  (on other ports than requested: run `policykg neo4j stop` first to change them)")
    else:
        click.echo(f"Neo4j started (pid {server.pid}) in {result.seconds:.1f} s.")
        if warm:
            from pipeline.neo4j.warmup import warm_up

            done = warm_up(server.bolt_uri, "neo4j", result.password.value,
                           echo=lambda msg: click.echo(msg, err=True))
            if done.rows:
                click.echo(f"  Warmed up: {done.rows:,} nodes and relationships written and deleted "
                           f"in {done.seconds:.1f} s.")
    _describe(server)
    pw = result.password
    if pw.generated:
        click.echo(f"  Password: generated and stored in {pw.source} (mode 0600)")
    else:
        click.echo(f"  Password: from {pw.source}")
    if not result.already_running:
        if server.styled:
            click.echo(f"  Style:   {cfg.style_file} (applied when Browser connects)")
        else:
            click.echo(f"  Style:   none ({cfg.style_file} not found; Browser uses its default style)")


@neo4j_group.command("stop")
@click.option("--timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for a clean shutdown before killing the process.")
def stop_cmd(timeout: float) -> None:
    """Stop the server that `policykg neo4j start` started."""
    from pipeline.neo4j.server import stop

    cfg = _config()
    stopped = stop(cfg, timeout=timeout)
    if stopped is None:
        click.echo("Neo4j is not running.")
    else:
        click.echo(f"Neo4j stopped (pid {stopped.pid}).")


@neo4j_group.command("status")
def status_cmd() -> None:
    """Say whether the server runs and where; exit 0 if it runs, 3 if not."""
    from pipeline.neo4j.server import status

    cfg = _config()
    server = status(cfg)
    if server is None:
        click.echo(f"Neo4j is not running (folder {cfg.home}).")
        raise click.exceptions.Exit(3)
    click.echo(f"Neo4j is running (pid {server.pid}, since {server.started_at}).")
    _describe(server)


@neo4j_group.command("import")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True,
              help="replace the database even if it holds a graph (everything in it is lost)")
@click.option("--timeout", type=float, default=180.0, show_default=True,
              help="Seconds to wait for the server at each start.")
def import_cmd(folder: Path, force: bool, timeout: float) -> None:
    """Bulk-load FOLDER (from `policykg export --format neo4j-import FOLDER`) into the local server.

    Runs neo4j-admin database import full into the database neo4j, which must be
    empty (or --force): the server is stopped for it, then started again with the
    constraints and indexes of graph_schema/constraints.cypher.
    """
    from pipeline.neo4j.bulk import run_import
    from pipeline.neo4j.server import status

    cfg = _config()
    result = run_import(cfg, folder, force=force, echo=lambda msg: click.echo(msg, err=True), timeout=timeout)
    click.echo(f"imported {result.nodes} nodes and {result.relationships} relationships in "
               f"{result.seconds:.1f} s (neo4j-admin {result.import_seconds:.1f} s, constraints and "
               f"indexes {result.schema_seconds:.1f} s)"
               + ("; the previous database was replaced" if result.replaced and force else ""))
    server = status(cfg)
    if server is not None:
        _describe(server)


def register(cli: click.Group) -> None:
    cli.add_command(neo4j_group)
