"""What the chat's web server adds to Gradio: security headers on every response, the login
throttle, and a size limit on uploads. `launch_options` gives them to `gr.Blocks.launch`.

Headers (every response):
- `X-Content-Type-Options: nosniff`: a served file is never run as a type it was not sent as;
- `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'`: no other site can frame the chat
  (clickjacking);
- `Referrer-Policy: no-referrer`: a question in the address bar never leaves in a Referer;
- on pages, a Content-Security-Policy that Gradio's own page passes: scripts, styles, fonts,
  images and connections from the app itself only (data:/blob: images and fonts, which
  Gradio makes), no plugins, no <base> tricks, forms posting only to the app. Gradio's
  front end needs inline scripts and styles and `new Function` for components' `js_on_load`,
  so 'unsafe-inline' and 'unsafe-eval' stay; the app never puts document text in a script
  (documents are shown escaped, see assistant.citations), and with `connect-src 'self'` a
  script that did get in could not send anything to another host. Checked in Chromium
  (tests/test_security.py): the page works and logs no CSP violation.

Uploads: Gradio's `/gradio_api/upload` accepts files whenever the app runs, with or without
an upload box on the page; `max_file_size` caps them at the indexer's own limit
(`IA_MAX_FILE_MB`). With `--auth` the route already requires a signed-in user (Gradio's
login check), so no one else can upload at all.
"""

from __future__ import annotations

from typing import Any

from starlette.middleware import Middleware

from assistant.throttle import LoginThrottle, LoginThrottleMiddleware, ThrottleSettings

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Files (a PDF opened in the browser's viewer, JSON, scripts): framing and sniffing are what matter.
FILE_POLICY = "frame-ancestors 'none'"

HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeadersMiddleware:
    """Adds the headers above to every HTTP response, whichever route made it."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _OURS]
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                policy = CONTENT_SECURITY_POLICY if content_type.startswith(b"text/html") else FILE_POLICY
                message = {**message, "headers": headers + HEADERS + [(b"content-security-policy", policy.encode())]}
            await send(message)

        await self.app(scope, receive, with_headers)


_OURS = {k for k, _ in HEADERS} | {b"content-security-policy"}


def launch_options(settings: Any, throttle: LoginThrottle | None = None) -> dict[str, Any]:
    """Keyword arguments for `gr.Blocks.launch`: the middleware and the upload limit."""
    middleware = [Middleware(SecurityHeadersMiddleware)]
    if settings.auth_file is not None:
        middleware.append(Middleware(LoginThrottleMiddleware, throttle=throttle or LoginThrottle(ThrottleSettings())))
    return {
        "app_kwargs": {"middleware": middleware},
        "max_file_size": int(settings.max_file_mb * 1_000_000),
    }
