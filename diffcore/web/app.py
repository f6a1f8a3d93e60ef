"""The FastAPI application: HTML pages and a JSON API over the same operations.

Pages are written by `renderers.web_pages` and the report renderers; this module only
routes. Every route that changes something is a POST; GETs read. Errors are one
sentence: an HTML page, or `{"error": ...}` under /api/.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import __version__
from ..corpus.ingest import AddResult, add_paths
from ..errors import InputError, ResdiffError
from . import compare as compare_op
from . import corpus_views as corpus
from .config import ServeConfig
from .guard import COOKIE, REPORT_CSP, Guard, Scope, cookie_value
from .results import Result, Results
from .uploads import Form, TooLarge, read_form

FORMATS = {
    "sidebyside.html": "text/html; charset=utf-8",
    "redline.html": "text/html; charset=utf-8",
    "redline.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "comparison.json": "application/json",
}
API_FORMATS = {
    "json": "comparison.json",
    "html": "sidebyside.html",
    "redline": "redline.html",
    "docx": "redline.docx",
}
ADD_FIELDS = frozenset({"document"})


def _form_body(fields: dict[str, Any], required: list[str]) -> dict[str, Any]:
    """OpenAPI for a multipart body the route parses itself (streamed to disk)."""
    schema = {"type": "object", "properties": fields, "required": required}
    return {
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": schema}}}
    }


_FILE = {"type": "string", "format": "binary"}
_FLAG = {"type": "string", "enum": ["1", ""], "default": ""}
COMPARE_BODY = _form_body(
    {
        "old": _FILE | {"description": "The old version, any format the readers take."},
        "new": _FILE | {"description": "The new version."},
        "old_text": _FILE | {"description": "Or the old version's text, pasted."},
        "new_text": _FILE | {"description": "Or the new version's text, pasted."},
        "ignore_case": _FLAG,
        "ignore_punctuation": _FLAG,
        "ignore_footnote_markers": _FLAG,
        "hide": {"type": "string", "description": "Classes to hide: technical,editorial"},
        "docx_view": {"type": "string", "enum": ["accepted", "original"]},
        "author": {"type": "string", "description": "DOCX revision author."},
        "date": {"type": "string", "description": "DOCX revision date, YYYY-MM-DD."},
    },
    [],
)
ADD_BODY = _form_body({"document": _FILE}, ["document"])


def create_app(config: ServeConfig, workroot: Path) -> FastAPI:
    """The application; `workroot` is the private (0700) folder uploads are streamed to."""
    from renderers import web_pages as pages

    db = _corpus_path(config)
    nav = pages.Nav(
        corpus=db is not None, search=db is not None, writes=config.allow_writes and db is not None
    )
    results = Results()
    app = FastAPI(
        title="resdiff",
        version=__version__,
        description="Compare versions of United Nations resolutions and query a corpus of "
        "them. Every HTML page has a JSON counterpart under /api/.",
        docs_url=None,
        redoc_url=None,
    )

    def page(html: str, status: int = 200, report: bool = False) -> HTMLResponse:
        response = HTMLResponse(html, status_code=status)
        if report:
            response.headers["content-security-policy"] = REPORT_CSP
        return response

    def refusal(path: str, status: int, message: str) -> Response:
        if path.startswith("/api/") or path == "/openapi.json":
            return JSONResponse({"error": message}, status_code=status)
        if status == 401:
            return page(pages.login(nav, pages.sentence(message)), status)
        return page(pages.error(nav, status, message), status)

    async def refuse(
        scope: Scope, status: int, message: str
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        response = refusal(scope["path"], status, message)
        return status, response.raw_headers, bytes(response.body)

    app.add_middleware(Guard, config=config, refuse=refuse)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        messages = {404: "there is no such page", 405: "this address does not take that method"}
        detail = (
            exc.detail if isinstance(exc.detail, str) and exc.status_code not in messages else None
        )
        return refusal(
            request.url.path,
            exc.status_code,
            detail or messages.get(exc.status_code, "the request failed"),
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ())[1:]) or "request"
        return refusal(
            request.url.path, 400, f"{where}: {first.get('msg', 'invalid value')}".lower()
        )

    @app.exception_handler(ResdiffError)
    async def bad_input(request: Request, exc: ResdiffError) -> Response:
        status = (
            413 if isinstance(exc, TooLarge) else 404 if isinstance(exc, corpus.NotFound) else 400
        )
        return refusal(
            request.url.path, status, str(exc).splitlines()[0] if str(exc) else "bad input"
        )

    async def form_of(request: Request, fields: frozenset[str], work: Path) -> Form:
        return await read_form(
            request.headers.get("content-type", ""),
            request.headers.get("content-length"),
            request.stream(),
            work,
            fields,
            config.max_size,
        )

    async def compared(request: Request) -> tuple[str, Result]:
        work = Path(tempfile.mkdtemp(prefix="req-", dir=workroot))
        try:
            form = await form_of(request, compare_op.UPLOAD_FIELDS, work)
            result = await run_in_threadpool(compare_op.run, form)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return results.add(result), result

    def stored(key: str) -> Result:
        found = results.get(key)
        if found is None:
            raise corpus.NotFound("this result is no longer kept: compare the versions again")
        return found

    def download(result: Result, name: str, attachment: bool) -> Response:
        if name not in FORMATS:
            raise corpus.NotFound("there is no such format")
        body = _render(result, name)
        response = Response(body, media_type=FORMATS[name])
        if name.endswith(".html"):
            response.headers["content-security-policy"] = REPORT_CSP
        if attachment or not name.endswith(".html"):
            response.headers["content-disposition"] = f'attachment; filename="resdiff-{name}"'
        response.headers["cache-control"] = "no-store"
        return response

    def need_corpus() -> Path:
        if db is None:
            raise corpus.NotFound("this server has no corpus: start it with --db")
        return db

    def need_writes() -> Path:
        path = need_corpus()
        if not config.allow_writes:
            raise HTTPException(
                403, "this server does not change its corpus (start it with --allow-writes)"
            )
        return path

    def with_store(fn: Callable[..., Any], *args: Any) -> Any:
        with corpus.opened(need_corpus()) as store:
            return fn(store, *args)

    # --- pages -------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> HTMLResponse:
        return page(pages.compare_form(nav, config.max_size))

    @app.get("/static/web.css", include_in_schema=False)
    def css() -> Response:
        return Response(pages.stylesheet(), media_type="text/css; charset=utf-8")

    @app.post("/compare", include_in_schema=False)
    async def compare_page(request: Request) -> Response:
        key, _ = await compared(request)
        return RedirectResponse(f"/results/{key}", status_code=303)

    @app.get("/results/{key}", include_in_schema=False)
    def result_page(key: str) -> HTMLResponse:
        found = stored(key)
        return page(pages.result(nav, key, found.comparison, found.old_label, found.new_label))

    @app.get("/results/{key}/{name}", include_in_schema=False)
    def result_file(key: str, name: str, download_: str = Query("", alias="download")) -> Response:
        return download(stored(key), name, bool(download_))

    @app.get("/corpus", include_in_schema=False)
    def corpus_page(request: Request) -> HTMLResponse:
        filters = {k: request.query_params.get(k, "") for k in corpus.FILTERS}

        def build(store: Any) -> str:
            docs = corpus.listing(store, filters)
            return pages.corpus_list(
                nav, docs, len(store.documents()), filters, corpus.choices(store)
            )

        return page(with_store(build))

    @app.get("/corpus/add", include_in_schema=False)
    def add_page() -> HTMLResponse:
        need_writes()
        return page(pages.add_form(nav, config.max_size))

    @app.post("/corpus/add", include_in_schema=False)
    async def add_submit(request: Request) -> HTMLResponse:
        added = await adding(request)
        return page(
            pages.add_form(
                nav, config.max_size, [(r.status, r.document) for r in added if r.document]
            )
        )

    @app.get("/corpus/{doc_id}", include_in_schema=False)
    def document_page(doc_id: int) -> HTMLResponse:
        def build(store: Any) -> str:
            found = corpus.info(store, doc_id)
            return pages.document(
                nav, found, store.load_document(doc_id), corpus.versions(store, found)
            )

        return page(with_store(build))

    @app.get("/corpus/{doc_id}/reuse", include_in_schema=False)
    def reuse_page(doc_id: int) -> HTMLResponse:
        from renderers import reuse_html

        return page(reuse_html.render(with_store(corpus.reuse_of, doc_id)), report=True)

    @app.get("/corpus/{doc_id}/series", include_in_schema=False)
    def series_page(doc_id: int) -> HTMLResponse:
        def build(store: Any) -> str:
            return pages.series(nav, corpus.info(store, doc_id), corpus.series_of(store, doc_id))

        return page(with_store(build))

    @app.get("/corpus/{doc_id}/history", include_in_schema=False)
    def history_page(doc_id: int) -> HTMLResponse:
        from renderers import history_html

        return page(history_html.render(with_store(corpus.history_of, doc_id)), report=True)

    @app.get("/search", include_in_schema=False)
    def search_page(request: Request) -> HTMLResponse:
        """The form; with a phrase, the answer as `resdiff search --format html` writes it."""
        from renderers import search_html

        if "q" not in request.query_params:
            return page(
                with_store(lambda store: pages.search_form(nav, corpus.choices(store)["language"]))
            )
        query = corpus.search_query(request.query_params)
        result = with_store(corpus.search_in, query)
        return page(search_html.render(result, link_base="/corpus/"), report=True)

    @app.get("/login", include_in_schema=False)
    def login_page() -> HTMLResponse:
        return page(pages.login(nav))

    @app.post("/login", include_in_schema=False)
    async def login_submit(request: Request) -> Response:
        import hmac

        form = await read_form(
            request.headers.get("content-type", ""),
            request.headers.get("content-length"),
            request.stream(),
            workroot,
            frozenset(),
            config.max_size,
        )
        given = form.fields.get("token", "")
        if not config.token or not hmac.compare_digest(given.encode(), config.token.encode()):
            return page(pages.login(nav, "That is not this server's token."), 401)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            COOKIE, cookie_value(config.token), httponly=True, samesite="strict", path="/"
        )
        return response

    # --- JSON API ----------------------------------------------------------------

    @app.post("/api/compare", openapi_extra=COMPARE_BODY, tags=["compare"])
    async def api_compare(
        request: Request, format: Literal["json", "html", "redline", "docx"] = "json"
    ) -> Response:
        """Compare two versions (multipart form); the answer is the comparison in `format`.
        The result stays downloadable at `/api/results/{id}/{name}` (header
        `X-Resdiff-Result`)."""
        key, result = await compared(request)
        response = download(result, API_FORMATS[format], attachment=format == "docx")
        response.headers["x-resdiff-result"] = key
        return response

    @app.get("/api/results/{key}/{name}", tags=["compare"])
    def api_result(
        key: str,
        name: Literal["sidebyside.html", "redline.html", "redline.docx", "comparison.json"],
    ) -> Response:
        """A kept comparison in another format."""
        return download(stored(key), name, attachment=False)

    @app.get("/api/corpus/documents", tags=["corpus"])
    def api_documents(
        q: str = "", session: str = "", language: str = "", type: str = ""
    ) -> list[dict[str, Any]]:
        """Stored documents, filtered by symbol or title words, session, language, type."""
        filters = {"q": q, "session": session, "language": language, "type": type}
        return [d.to_dict() for d in with_store(corpus.listing, filters)]

    @app.get("/api/corpus/documents/{doc_id}", tags=["corpus"])
    def api_document(doc_id: int) -> dict[str, Any]:
        """One stored document: its record, and the document (resdiff.document/2)."""
        from renderers import document_json

        def build(store: Any) -> dict[str, Any]:
            found = corpus.info(store, doc_id)
            doc = json.loads(document_json.render(store.load_document(doc_id)))
            return found.to_dict() | {"document": doc}

        result: dict[str, Any] = with_store(build)
        return result

    @app.get("/api/corpus/documents/{doc_id}/reuse", tags=["corpus"])
    def api_reuse(doc_id: int) -> Response:
        """Where each paragraph was used before (resdiff.reuse/1)."""
        from renderers import reuse_json

        return _json(reuse_json.render_reuse(with_store(corpus.reuse_of, doc_id)))

    @app.get("/api/corpus/documents/{doc_id}/series", tags=["corpus"])
    def api_series(doc_id: int) -> Response:
        """The resolution across sessions (resdiff.series/1)."""
        from renderers import reuse_json

        return _json(reuse_json.render_series(with_store(corpus.series_of, doc_id)))

    @app.get("/api/corpus/documents/{doc_id}/history", tags=["corpus"])
    def api_history(doc_id: int) -> Response:
        """Every paragraph's life across the series (resdiff.history/1)."""
        from renderers import history_json

        return _json(history_json.render(with_store(corpus.history_of, doc_id)))

    @app.get("/api/search", tags=["search"])
    def api_search(
        q: str,
        session: str = "",
        since: str = "",
        body: Literal["", "GA", "SC"] = "",
        kind: Literal["", "preambular", "operative"] = "",
        language: str = "",
        limit: int = 20,
    ) -> Response:
        """Agreed-language search (resdiff.search/1): paragraphs using the phrase verbatim,
        near-verbatim, then related, with counts of use per session."""
        from renderers import search_json

        params = {"q": q, "session": session, "since": since, "body": body, "kind": kind}
        params |= {"language": language, "limit": str(limit)}
        query = corpus.search_query(params)
        return _json(search_json.render(with_store(corpus.search_in, query)))

    @app.post("/api/corpus/documents", openapi_extra=ADD_BODY, tags=["corpus"])
    async def api_add(request: Request) -> list[dict[str, Any]]:
        """Add a document (only on a server started with --allow-writes)."""
        return [
            {"status": r.status, "document": r.document.to_dict() if r.document else None}
            for r in await adding(request)
        ]

    async def adding(request: Request) -> list[AddResult]:
        path = need_writes()
        work = Path(tempfile.mkdtemp(prefix="req-", dir=workroot))
        try:
            form = await form_of(request, ADD_FIELDS, work)
            upload = form.uploads.get("document")
            if upload is None:
                raise InputError("choose a document to add")

            def add() -> list[AddResult]:
                with corpus.opened(path) as store:
                    added = add_paths(
                        store, [str(upload.path)], max_size=config.max_size, workers=1
                    )
                    # Stored under the upload's own name: the temporary path is the server's.
                    return [
                        replace(r, document=store.set_source(r.document.id, upload.label))
                        if r.status == "added" and r.document is not None
                        else r
                        for r in added
                    ]

            added = await run_in_threadpool(add)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        failed = [r for r in added if r.status == "failed"]
        if failed:
            raise InputError(
                (failed[0].error or "cannot add").replace(str(upload.path), upload.label)
            )
        return added

    return app


def _json(text: str) -> Response:
    return Response(text, media_type="application/json")


def _render(result: Result, name: str) -> bytes:
    cmp = result.comparison
    if name == "redline.docx":
        from renderers import docx_redline

        return docx_redline.render(cmp, author=result.author, date=result.date)
    if name == "comparison.json":
        from renderers import comparison_json

        return comparison_json.render(cmp).encode("utf-8")
    if name == "redline.html":
        from renderers import redline

        return redline.render(cmp).encode("utf-8")
    from renderers import sidebyside

    return sidebyside.render(cmp).encode("utf-8")


def _corpus_path(config: ServeConfig) -> Path | None:
    """The corpus the server reads, checked (and migrated) once at start-up."""
    from ..corpus.store import default_db_path, open_store

    if config.db is None:
        path = default_db_path()
        if not path.exists() and not config.allow_writes:
            return None
    else:
        path = Path(config.db)
    with open_store(path, create=config.allow_writes):
        pass
    return path
