"""The web app and JSON API over a stored record (``onrecord serve``).

Server-rendered pages (Jinja2, autoescaped) and their JSON twins under ``/api/``. The record
is opened read-only, with a new connection per request. Article text is untrusted: templates
escape it, queries are parameterised, no request path reaches the file system (static files
come from this package only), and errors never show a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException

from onrecord import __version__
from onrecord.web import data
from onrecord.store import POSTGRES_SCHEMES
from onrecord.web.queries import ReadOnlyStore, RecordUnavailable, open_reader
from onrecord.web.views import (
    article_href,
    article_segments,
    domain,
    highlight,
    speaker_href,
    speaker_slots,
    timeline_chart,
)

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
PAGE_SIZE = 25
DATE_PARAM = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
STANCE_PARAM = r"^(favor|against|neutral)?$"
OUTCOME_PARAM = r"^(answered|evaded|declined|dodged)?$"
SECURITY_HEADERS = {
    # Pages need no script and load nothing from elsewhere.
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:;"
    " form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

# Control characters are never part of a search (and a NUL ends a string inside SQLite's FTS).
TEXT_PARAM = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Text = Annotated[str | None, Query(max_length=200, pattern=TEXT_PARAM)]
DateQ = Annotated[str | None, Query(pattern=DATE_PARAM, description="YYYY[-MM[-DD]]")]
StanceQ = Annotated[str | None, Query(pattern=STANCE_PARAM)]
OutcomeQ = Annotated[str | None, Query(pattern=OUTCOME_PARAM,
                                       description="answered, evaded, declined or dodged")]


def templates() -> Environment:
    """Autoescaping is on for every template: article text is untrusted."""
    env = Environment(
        loader=PackageLoader("onrecord.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(article_href=article_href, speaker_href=speaker_href,
                       highlight=highlight, version=__version__)
    return env


def blank(value: str | None) -> str | None:
    """Empty form fields mean 'no filter'."""
    return value or None


def query_string(params: Mapping[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"?{urlencode(kept)}" if kept else ""


def create_app(db_path: str | Path) -> FastAPI:
    """The app over the record in ``db_path`` (opened read-only on each request)."""
    app = FastAPI(
        title="onrecord",
        version=__version__,
        description="The public record from news articles: statements, speakers, timelines, "
        "position changes and dodged questions. Shapes reuse `onrecord.article/1`.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN
        redoc_url=None,
        debug=False,
    )
    app.state.db_path = db_path if str(db_path).startswith(POSTGRES_SCHEMES) else Path(db_path)
    env = templates()
    app.mount("/static", StaticFiles(directory=PACKAGE_DIR / "static"), name="static")

    def reading() -> ReadOnlyStore:
        return open_reader(app.state.db_path)

    def page(request: Request, name: str, json_href: str | None, status: int = 200,
             **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(request_path=request.url.path,
                                             json_href=json_href, **context)
        return HTMLResponse(html, status_code=status)

    # --- errors: a message for people, a status for tools, never a stack trace ------------

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return page(request, "error.html", None, status=status, status_code=status,
                    message=message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        messages = {404: "Nothing here.", 405: "That method is not allowed here."}
        return error(request, exc.status_code, messages.get(exc.status_code, str(exc.detail)))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        # Say which parameter is wrong, without echoing the input back.
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return error(request, 422, f"The request is not valid ({problems}).")

    @app.exception_handler(RecordUnavailable)
    async def unavailable(request: Request, exc: RecordUnavailable) -> Response:
        log.error("record unavailable: %s", exc)
        return error(request, 503, "The record cannot be read right now.")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)  # the trace goes to the log only
        return error(request, 500, "Something went wrong on our side.")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    # --- home -------------------------------------------------------------------------------

    @app.get("/api", include_in_schema=False)
    def api_root_redirect() -> RedirectResponse:
        return RedirectResponse("/api/", status_code=308)

    @app.get("/api/", tags=["record"], summary="Counts, recent position changes, dodged questions")
    def api_home() -> dict[str, Any]:
        with reading() as store:
            return data.home(store).to_json()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home_page(request: Request) -> HTMLResponse:
        with reading() as store:
            home = data.home(store)
        return page(request, "home.html", "/api/", home=home)

    # --- articles ---------------------------------------------------------------------------

    @app.get("/api/articles", tags=["articles"], summary="Stored articles")
    def api_articles() -> dict[str, Any]:
        with reading() as store:
            return {"articles": [a.__dict__ for a in store.articles()]}

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request) -> HTMLResponse:
        with reading() as store:
            rows = store.articles()
        return page(request, "articles.html", "/api/articles", articles=rows)

    def find_article(article_id: str) -> dict[str, Any]:
        with reading() as store:
            record = store.article_record(article_id)
        if record is None:
            raise HTTPException(404)
        return record

    @app.get("/api/articles/{article_id}", tags=["articles"],
             summary="One article as an onrecord.article/1 record")
    def api_article(article_id: str) -> dict[str, Any]:
        return find_article(article_id)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        record = find_article(article_id)
        quotes = record["quotes"]
        segments = article_segments(record["article"]["text"], quotes, record["removed"])
        return page(request, "article.html", f"/api{article_href(article_id)}", record=record,
                    segments=segments, slots=speaker_slots(quotes))

    # --- search -----------------------------------------------------------------------------

    def search(store: ReadOnlyStore, filters: dict[str, str | None], limit: int, offset: int
               ) -> tuple[list[dict[str, Any]], bool]:
        rows = store.search_quotes(search=filters["q"], speaker=filters["speaker"],
                                   topic=filters["topic"], stance=filters["stance"],
                                   since=filters["since"], until=filters["until"],
                                   limit=limit + 1, offset=offset)
        return rows[:limit], len(rows) > limit

    @app.get("/api/quotes", tags=["quotes"],
             summary="Search statements (full text, speaker, topic, stance, date range)")
    def api_quotes(
        q: Text = None, speaker: Text = None, topic: Text = None, stance: StanceQ = None,
        since: DateQ = None, until: DateQ = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        filters = {"q": blank(q), "speaker": blank(speaker), "topic": blank(topic),
                   "stance": blank(stance), "since": blank(since), "until": blank(until)}
        with reading() as store:
            rows, more = search(store, filters, limit, offset)
        following = {**filters, "limit": limit, "offset": offset + limit}
        next_href = f"/api/quotes{query_string(following)}" if more else None
        return {"quotes": rows, "limit": limit, "offset": offset, "next": next_href}

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request, q: Text = None, speaker: Text = None, topic: Text = None,
        stance: StanceQ = None, since: DateQ = None, until: DateQ = None,
        page_number: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
    ) -> HTMLResponse:
        filters = {"q": blank(q), "speaker": blank(speaker), "topic": blank(topic),
                   "stance": blank(stance), "since": blank(since), "until": blank(until)}
        offset = (page_number - 1) * PAGE_SIZE
        with reading() as store:
            rows, more = search(store, filters, PAGE_SIZE, offset)
        twin = f"/api/quotes{query_string({**filters, 'limit': PAGE_SIZE, 'offset': offset})}"
        return page(
            request, "search.html", twin, filters=filters, rows=rows, page_number=page_number,
            previous_href=f"/search{query_string({**filters, 'page': page_number - 1})}"
            if page_number > 1 else None,
            next_href=f"/search{query_string({**filters, 'page': page_number + 1})}"
            if more else None,
        )

    # --- speakers ---------------------------------------------------------------------------

    @app.get("/api/speakers", tags=["speakers"], summary="Speakers with their aliases")
    def api_speakers() -> dict[str, Any]:
        with reading() as store:
            return {"speakers": data.speaker_list(data.read_record(store))}

    @app.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
    def speakers_page(request: Request) -> HTMLResponse:
        with reading() as store:
            speakers = data.speaker_list(data.read_record(store))
        return page(request, "speakers.html", "/api/speakers", speakers=speakers)

    def find_speaker(name: str, topic: str | None) -> data.SpeakerPage:
        with reading() as store:
            found = data.speaker_page(store, name, blank(topic))
        if found is None:
            raise HTTPException(404)
        return found

    @app.get("/api/speakers/{name}", tags=["speakers"],
             summary="A speaker: aliases, per-topic timelines, changes, questions put to them")
    def api_speaker(name: str, topic: Text = None) -> dict[str, Any]:
        return find_speaker(name, topic).to_json()

    @app.get("/api/speakers/{name}/timeline", tags=["speakers"],
             summary="What a speaker said, in the order it was said (one topic or all)")
    def api_timeline(name: str, topic: Text = None) -> dict[str, Any]:
        found = find_speaker(name, topic)
        statements = sorted((s for t in found.topics for s in t.statements),
                            key=lambda s: (s.said_on or "9999", s.article_id, s.start))
        return {"speaker": found.speaker, "topic": blank(topic),
                "timeline": [s.to_json() for s in statements]}

    @app.get("/speakers/{name}", response_class=HTMLResponse, include_in_schema=False)
    def speaker_page(request: Request, name: str, topic: Text = None) -> Response:
        found = find_speaker(name, topic)
        if found.speaker != name:  # an alias: one address per person
            return RedirectResponse(speaker_href(found.speaker), status_code=307)
        span = domain([s for t in found.topics for s in t.statements])
        charts = [timeline_chart(t.topic, t.statements, t.changes, span) for t in found.topics]
        return page(request, "speaker.html",
                    f"/api{speaker_href(found.speaker)}{query_string({'topic': topic})}",
                    speaker=found, charts=charts, topic=blank(topic))

    # --- changes and questions --------------------------------------------------------------

    @app.get("/api/changes", tags=["record"],
             summary="Position changes, and conflicts that cannot be ordered")
    def api_changes(speaker: Text = None, topic: Text = None) -> dict[str, Any]:
        with reading() as store:
            return data.changes(store, blank(speaker), blank(topic)).to_json()

    @app.get("/changes", response_class=HTMLResponse, include_in_schema=False)
    def changes_page(request: Request, speaker: Text = None, topic: Text = None) -> HTMLResponse:
        with reading() as store:
            found = data.changes(store, blank(speaker), blank(topic))
        filters = {"speaker": blank(speaker), "topic": blank(topic)}
        return page(request, "changes.html", f"/api/changes{query_string(filters)}",
                    found=found, filters=filters)

    @app.get("/api/questions", tags=["record"],
             summary="Questions put to speakers, with how they were met")
    def api_questions(speaker: Text = None, outcome: OutcomeQ = None) -> dict[str, Any]:
        with reading() as store:
            return {"questions": data.questions(store, blank(speaker), blank(outcome))}

    @app.get("/questions", response_class=HTMLResponse, include_in_schema=False)
    def questions_page(request: Request, speaker: Text = None, outcome: OutcomeQ = None
                       ) -> HTMLResponse:
        with reading() as store:
            rows = data.questions(store, blank(speaker), blank(outcome))
        filters = {"speaker": blank(speaker), "outcome": blank(outcome)}
        return page(request, "questions.html", f"/api/questions{query_string(filters)}",
                    questions=rows, filters=filters)

    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the record in ``db`` until interrupted; local only unless ``host`` says so."""
    import uvicorn

    open_reader(db).close()  # fail now, with a clear message, if the record is unreadable
    uvicorn.run(create_app(db), host=host, port=port, server_header=False,
                proxy_headers=False, log_level="info")
