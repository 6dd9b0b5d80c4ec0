"""Original PDFs, served by a route of the chat's own: `original/<key>`.

Gradio's `allowed_paths` are fixed when the chat starts, so a PDF indexed since (an upload, a
shell `python -m indexer` run) had no "Open the PDF" link. This route decides per request,
from the live index as it is now: the key (a digest of the indexed source name, never a path
from the request) must name a PDF of the current library that exists, outside the store, the
data folder (feedback, conversations, uploads: an uploaded file is never served raw) and the
users file; with --auth the request must carry a signed-in user's session cookie (Gradio's
own login). Anything else is a 404 (401 when not signed in). Served inline as
application/pdf, under the security headers of every response (assistant.security).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse

_ROUTE = re.compile(r"(?:^|/)original/([0-9a-f]{24})$")


def original_key(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:24]


def original_url(source: str, page: int | None = None) -> str:
    """Relative, so it also works behind a proxy under a sub-path."""
    return f"original/{original_key(source)}" + (f"#page={page}" if page else "")


def servable(source: str, blocked: list[str]) -> Path | None:
    """The file of an indexed source if it may be served: a PDF that exists, outside `blocked`."""
    if not source.lower().endswith(".pdf"):
        return None
    path = Path(source).resolve()
    if not path.is_file() or any(path.is_relative_to(b) for b in blocked):
        return None
    return path


class OriginalsMiddleware:
    """The `original/<key>` route, in front of Gradio's own (which it never reaches)."""

    def __init__(self, app: Any, live: Any, blocked: list[str], blocks: Any, auth: bool) -> None:
        self.app, self.live, self.blocks, self.auth = app, live, blocks, auth
        self.blocked = [Path(b).resolve() for b in blocked]

    def _signed_in(self, request: Request) -> bool:
        server = getattr(self.blocks, "server_app", None)
        if server is None:
            return False
        cookie_id = server.cookie_id
        token = request.cookies.get(f"access-token-{cookie_id}") or request.cookies.get(f"access-token-unsecure-{cookie_id}")
        return bool(token) and server.tokens.get(token) is not None

    def _file(self, key: str) -> Path | None:
        library = self.live.current
        for source in (d.source for d in library.documents):
            if original_key(source) == key:
                return servable(source, self.blocked)
        return None

    async def __call__(self, scope, receive, send) -> None:
        match = _ROUTE.search(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if request.method not in ("GET", "HEAD"):
            response = PlainTextResponse("Method not allowed", status_code=405)
        elif self.auth and not self._signed_in(request):
            response = PlainTextResponse("Sign in first", status_code=401)
        elif (path := self._file(match.group(1))) is None:
            response = PlainTextResponse("Not found", status_code=404)
        else:
            response = FileResponse(
                path, media_type="application/pdf", content_disposition_type="inline",
                headers={"content-disposition": f"inline; filename*=utf-8''{quote(path.name)}", "cache-control": "no-store"},
            )
        await response(scope, receive, send)
