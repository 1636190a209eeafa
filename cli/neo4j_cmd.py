"""``alliances neo4j start|stop|status`` (a local Neo4j server, no Docker) and ``alliances copy`` between backends."""

from __future__ import annotations

import json
import os
import secrets
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from graph.errors import GraphError
from graph.model import Batch, LoadReport
from graph.store import FactQuery, GraphStore

__all__ = ["copy_store", "register"]

out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


class Backend(StrEnum):
    embedded = "embedded"
    neo4j = "neo4j"


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True)
    return typer.Exit(code)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")


def _exports(env: dict[str, str]) -> str:
    return "export " + " ".join(f"{k}={v}" for k, v in env.items())


HomeOpt = Annotated[Path | None, typer.Option("--home", help="Server folder (config, data, logs); default "
                                              "$XDG_DATA_HOME/alliancegraph/neo4j-server.")]


# ------------------------------------------------------------------------------------------- copy
def copy_store(source: GraphStore, target: GraphStore) -> LoadReport:
    """Everything of ``source`` (sources, entities, claims, pending review items) applied to ``target`` in one
    transaction; what ``target`` already holds is not added twice. Decided review items are not copied
    (accepted ones are claims by then)."""
    batch = Batch(origin=f"copy from {source.backend}",
                  sources=sorted(source.sources(), key=lambda s: s.id),
                  entities=source.entities(),
                  facts=source.facts(FactQuery()),
                  review=[item.fact for item in source.review_items("pending")])
    return target.apply(batch)


def register(app: typer.Typer) -> None:
    """Add ``neo4j start|stop|status`` and ``copy`` to the main app."""
    neo = typer.Typer(help="A local Neo4j Community server for alliancegraph (jars from Maven Central; "
                           "no Docker needed). See docs/neo4j.md.", no_args_is_help=True)

    @neo.command("start")
    def start_cmd(
        home: HomeOpt = None,
        port: Annotated[int, typer.Option(help="Bolt port on 127.0.0.1 (a free one if taken; 0: any free).")] = 7687,
        password: Annotated[str | None, typer.Option(
            help="Password of user neo4j, set on the first start (default: ALLIANCES_NEO4J_PASSWORD, else the "
                 "one kept from before, else a new random one).")] = None,
        heap: Annotated[str, typer.Option(help="JVM heap, e.g. 512m or 2g.")] = "512m",
        pagecache: Annotated[str, typer.Option(help="Page cache, e.g. 64m or 1g.")] = "128m",
        timeout: Annotated[float, typer.Option(help="Seconds to wait for the server.")] = 180,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    ) -> None:
        """Start a local Neo4j server in the background (downloads and caches its jars the first time)."""
        from cli.neo4j_server import Neo4jServer, Neo4jServerError, _port_open, default_home, free_port

        folder = (home or default_home()).expanduser()
        previous = Neo4jServer.from_state(folder)
        if previous is not None and previous.is_running():
            _report(previous, as_json, "already running")
            return
        chosen = password or os.environ.get("ALLIANCES_NEO4J_PASSWORD") or \
            (previous.password if previous else None) or secrets.token_urlsafe(12)
        if port and _port_open("127.0.0.1", port):
            new_port = free_port()
            err.print(f"port {port} is taken; using {new_port}")
            port = new_port
        server = Neo4jServer(folder, port=port or None, password=chosen, heap=heap, pagecache=pagecache,
                             attached=False)
        try:
            server.start(timeout_s=timeout, log=lambda m: err.print(m, markup=False))
        except Neo4jServerError as exc:
            raise _fail(str(exc)) from None
        _report(server, as_json, f"started in {server.start_seconds:.1f} s")

    @neo.command("stop")
    def stop_cmd(home: HomeOpt = None) -> None:
        """Stop the local Neo4j server (its data stays in the home folder)."""
        from cli.neo4j_server import Neo4jServer, default_home

        folder = (home or default_home()).expanduser()
        server = Neo4jServer.from_state(folder)
        if server is None or not server.is_running():
            out.print(f"no local Neo4j server is running (home {folder})")
            return
        server.stop()
        out.print(f"stopped the Neo4j server on {server.uri}")

    @neo.command("status")
    def status_cmd(home: HomeOpt = None,
                   as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False) -> None:
        """Whether the local Neo4j server runs, where, and the settings that select it. Exit 1 when stopped."""
        from cli.neo4j_server import Neo4jServer, default_home

        folder = (home or default_home()).expanduser()
        server = Neo4jServer.from_state(folder)
        if server is None or not server.is_running():
            if as_json:
                _print_json({"running": False, "home": str(folder)})
            else:
                out.print(f"no local Neo4j server is running (home {folder}); start one: alliances neo4j start")
            raise typer.Exit(1)
        _report(server, as_json, "running")

    def _report(server: Any, as_json: bool, state: str) -> None:
        answers = _answers(server)
        if as_json:
            _print_json({"running": True, "state": state, "answers": answers, "uri": server.uri, "pid": server.pid,
                         "home": str(server.home), "version": server.version, "env": server.env()})
            return
        health = "answers" if answers else "does not answer yet"
        out.print(f"Neo4j {server.version} {state} at {server.uri} (pid {server.pid}); Bolt {health}")
        out.print(f"home: {server.home} (logs in {server.home / 'logs'})")
        out.print("use it with:")
        out.print("  " + _exports(server.env()), markup=False)

    @app.command("copy")
    def copy_cmd(
        source: Annotated[Backend, typer.Option("--from", help="The store to read.")],
        target: Annotated[Backend, typer.Option("--to", help="The store to write.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    ) -> None:
        """Copy the whole graph from one backend to the other, in one transaction.

        Sources, entities, claims and pending review items; each side is configured by the usual settings
        (ALLIANCES_DB, ALLIANCES_NEO4J_*). What the target holds already is not added twice.
        """
        from graph.factory import open_store
        from graph.settings import Settings

        if source == target:
            raise _fail("--from and --to name the same backend; nothing to copy")
        stores: list[GraphStore] = []
        try:
            for backend in (source, target):
                stores.append(open_store(Settings(backend=backend.value)))
            report = copy_store(stores[0], stores[1])
        except ValidationError as exc:
            raise _fail("bad settings: " + "; ".join(e["msg"].removeprefix("Value error, ")
                                                      for e in exc.errors())) from None
        except (GraphError, ValueError) as exc:
            raise _fail(getattr(exc, "message", None) or str(exc)) from None
        finally:
            for store in stores:
                store.close()
        if as_json:
            _print_json(report.model_dump())
            return
        out.print(f"copied {source.value} -> {target.value}: {report.sources_added} source(s), "
                  f"{report.entities_added + report.entities_updated} entit(y/ies), {report.facts_added} claim(s) "
                  f"added; {report.facts_unchanged} claim(s) were there already; "
                  f"{report.queued_for_review} review item(s) queued")

    app.add_typer(neo, name="neo4j")


def _answers(server: Any) -> bool:
    """Whether Bolt answers with the server's credentials (a quick check)."""
    try:
        import neo4j

        with neo4j.GraphDatabase.driver(server.bolt_uri, auth=server.auth, connection_timeout=2,
                                        max_transaction_retry_time=0) as driver:
            driver.verify_connectivity()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not answering"
        return False
