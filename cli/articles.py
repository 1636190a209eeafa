"""Article commands: extract, ingest, review (registered on the main app)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


def _known(store: Any | None = None) -> Any:
    """Known entities: the bundled dataset's, plus the store's when a store is open."""
    from loaders.article import bundled_known, known_with

    return bundled_known() if store is None else known_with(store.entities())


def _threshold(value: float | None) -> float:
    if value is not None:
        return value
    from graph.settings import Settings

    try:
        return Settings().review_threshold
    except Exception:  # noqa: BLE001 - bad settings are reported by commands that need them
        return 0.6


def _print_table(result: dict[str, Any]) -> None:
    from rich.table import Table

    from cli.main import out

    src = result["source"]
    title = escape(src.get("title") or src["file"])
    out.print(f"[bold]{title}[/] ({src['language']}, {src.get('published') or 'undated'})", markup=True)
    table = Table(show_edge=False)
    for col in ("subject", "relation", "object", "amount", "power", "role", "date", "status", "conf"):
        table.add_column(col)
    for f in result["facts"]:
        amount = ""
        if f["amount"] is not None:
            amount = " ".join(x for x in (f["qualifier"] or "", f"{f['amount']:,.0f} {f['currency']}") if x)
        table.add_row(f["subject"], f["relation"], f["object"], amount,
                      f"{f['power_gw']:g} GW" if f["power_gw"] is not None else "", f["role"] or "",
                      f["date"] or "", f["status"] or "", f"{f['confidence']:.2f}")
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add the article commands to ``app``."""

    @app.command("extract")
    def extract_cmd(
        files: Annotated[list[Path], typer.Argument(help="Article files (.txt .md .html).")],
        fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="json or table.")] = OutputFormat.table,
        min_confidence: Annotated[float | None, typer.Option(
            "--min-confidence", min=0, max=1,
            help="Leave out facts under this confidence (default: the review threshold).")] = None,
        show_all: Annotated[bool, typer.Option("--all", help="Also print facts that would go to review.")] = False,
        encoding: Annotated[str | None, typer.Option("--encoding", help="Decode files as this (e.g. latin-1).")]
        = None,
    ) -> None:
        """Print the facts found in articles, without touching the store (one JSON object per file)."""
        from cli.main import err, fail, print_json
        from graph.errors import GraphError
        from loaders.article import extract_file, extraction_json

        known = _known()
        threshold = _threshold(min_confidence)
        failed = False
        for path in files:
            try:
                ex = extract_file(path, known, encoding=encoding)
            except GraphError as exc:
                if len(files) == 1:
                    raise fail(exc.message) from None
                err.print(f"[bold red]error:[/] {escape(exc.message)}", markup=True)
                failed = True
                continue
            result = extraction_json(ex, min_confidence=threshold, include_below=show_all)
            if fmt == OutputFormat.json:
                print_json(result)
            else:
                _print_table(result)
        if failed:
            raise typer.Exit(1)

    @app.command("ingest")
    def ingest_cmd(
        paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
        threshold: Annotated[float | None, typer.Option(
            "--review-threshold", min=0, max=1, help="Facts under this confidence go to review.")] = None,
        encoding: Annotated[str | None, typer.Option("--encoding", help="Decode files as this.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    ) -> None:
        """Extract facts from articles and load them (facts under the threshold go to the review queue)."""
        from cli.main import err, opened_store, print_report
        from graph.errors import GraphError
        from graph.ingest import load
        from graph.model import LoadReport
        from loaders.article import article_batch, extract_file, iter_article_files

        limit = _threshold(threshold)
        files = iter_article_files(paths)
        if not files:
            from cli.main import fail

            raise fail("no article files found (.txt .md .html)")
        total, failures = LoadReport(), []
        with opened_store() as store:
            for path in files:
                try:
                    ex = extract_file(path, _known(store), encoding=encoding)
                    total += load(store, article_batch(ex), review_threshold=limit)
                except GraphError as exc:
                    failures.append(exc.message)
            print_report(total, failures, as_json)
        if failures:
            if not as_json:
                err.print(f"{len(failures)} file(s) failed")
            raise typer.Exit(1)

    review = typer.Typer(help="Extracted facts held back for review: list, accept, reject.",
                         no_args_is_help=True)
    app.add_typer(review, name="review")

    def _item_row(store: Any, item: Any) -> dict[str, Any]:
        fact = item.fact
        names = []
        for eid in (fact.subject, fact.object):
            try:
                names.append(store.entity(eid).name)
            except Exception:  # noqa: BLE001
                names.append(eid)
        return {"id": item.id, "state": item.state, "subject": names[0], "relation": fact.relation.value,
                "object": names[1], "amount_usd": fact.amount_usd, "amount": fact.amount, "currency": fact.currency,
                "date": fact.date, "role": fact.role, "status": fact.status.value if fact.status else None,
                "confidence": fact.confidence, "evidence": fact.evidence,
                "source": item.source.id if item.source else fact.source_id}

    @review.command("list")
    def review_list(
        state: Annotated[str, typer.Option("--state", help="pending, accepted or rejected.")] = "pending",
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    ) -> None:
        """List the facts waiting for review."""
        from rich.table import Table

        from cli.main import fail, opened_store, out, print_json

        if state not in ("pending", "accepted", "rejected"):
            raise fail(f"unknown state {state!r}; use pending, accepted or rejected")
        with opened_store() as store:
            rows = [_item_row(store, i) for i in store.review_items(state)]
        if as_json:
            print_json(rows)
            return
        if not rows:
            out.print(f"no {state} item")
            return
        table = Table(show_edge=False)
        for col in ("id", "subject", "relation", "object", "conf", "evidence"):
            table.add_column(col)
        for r in rows:
            table.add_row(r["id"], r["subject"], r["relation"], r["object"], f"{r['confidence']:.2f}",
                          (r["evidence"] or "")[:80])
        out.print(table)

    def _decide(item_id: str, accept: bool, as_json: bool) -> None:
        from cli.main import opened_store, out, print_json

        with opened_store() as store:
            item = store.decide_review(item_id, accept)
            row = _item_row(store, item)
        if as_json:
            print_json(row)
        else:
            out.print(f"{'accepted' if accept else 'rejected'} {item_id}: {row['subject']} {row['relation']} "
                      f"{row['object']}")

    @review.command("accept")
    def review_accept(item_id: Annotated[str, typer.Argument(help="Review item id.")],
                      as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
        """Accept a held-back fact: it joins the graph."""
        _decide(item_id, True, as_json)

    @review.command("reject")
    def review_reject(item_id: Annotated[str, typer.Argument(help="Review item id.")],
                      as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
        """Reject a held-back fact."""
        _decide(item_id, False, as_json)
