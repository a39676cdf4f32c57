"""The HTTP side: 127.0.0.1 only, the pages, and server-sent events that make the browser reload."""
from __future__ import annotations

import errno
import html
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from vplan.errors import UsageError
from vplan.options import Options
from vplan.serve.findings import page_shell
from vplan.serve.site import INDEX, Site
from vplan.serve.watch import Poller

HOST = "127.0.0.1"  # never all interfaces: a plan in progress is nobody else's business
PING_SECONDS = 15

STYLE = """
.vplan-fynd{border:2px solid #b00020;border-radius:6px;padding:.5rem 1rem;margin:1rem 0;background:#fff8f8}
.vplan-fynd-har{margin:.25rem 0 1rem}
.vplan-fel,.vplan-varning{border-left:6px solid #b00020;padding:.1rem .75rem;margin:.4rem 0;background:#fdecee}
.vplan-varning{border-left-color:#8a5a00;background:#fff6e0}
.vplan-fel p,.vplan-varning p{margin:.2rem 0}
.vplan-fel pre{white-space:pre-wrap;margin:.2rem 0}
"""

# Reloads the page when the server says it was rebuilt, and keeps the reader's place.
SCRIPT = """
(function () {
  var place = "vplan-plats:" + location.pathname;
  var y = sessionStorage.getItem(place);
  if (y !== null) { sessionStorage.removeItem(place); window.scrollTo(0, +y); }
  var events = new EventSource(%s);
  events.onmessage = function () {
    sessionStorage.setItem(place, String(window.scrollY));
    events.close();
    location.reload();
  };
})();
"""


def live(page: bytes, events_url: str) -> tuple[bytes, str]:
    """The built page with the reload script and the findings' style added to its head."""
    nonce = secrets.token_urlsafe(16)
    url = json.dumps(events_url).replace("<", "\\u003c")
    head = f"<style>{STYLE}</style><script nonce=\"{nonce}\">{SCRIPT % url}</script>".encode()
    text = page
    at = text.find(b"</head>")
    text = text[:at] + head + text[at:] if at >= 0 else head + text
    return text, nonce


class Handler(BaseHTTPRequestHandler):
    server_version = "vplan"
    sys_version = ""
    site: Site  # set on the subclass serve() makes

    def log_message(self, *args):  # the terminal shows rebuilds, not every request
        pass

    def do_GET(self):
        if not self._local_host():
            return self._send(403, b"Endast 127.0.0.1.", "text/plain; charset=utf-8")
        parts = urlsplit(self.path)
        if parts.path == "/handelser":
            return self._events(parse_qs(parts.query))
        key = self.site.key_for(parts.path)
        if key is None:
            body = page_shell("Finns inte", "<main><h1>Sidan finns inte</h1>"
                              '<p><a href="/">Till förhandsvisningen</a></p></main>').encode()
            return self._send(404, body, "text/html; charset=utf-8")
        if key == INDEX:
            body, version = self._index()
        else:
            page, version = self.site.page(key)
            body = page.html
        events = f"/handelser?sida={quote(key)}&version={version}"
        body, nonce = live(body, events)
        self._send(200, body, "text/html; charset=utf-8", nonce)

    def _local_host(self) -> bool:
        """A page elsewhere on the web must not reach the preview by a name that points here."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in (HOST, "localhost")

    def _index(self) -> tuple[bytes, int]:
        with self.site.cond:
            version = self.site.versions[INDEX]
        states = self.site.states()
        e = html.escape
        items = "".join(f'<li><a href="{e(self.site.url(k))}">{e(k)}</a>{e(" – " + s if s else "")}</li>'
                        for k, s in states.items())
        plans = list(states)
        title = f"Planer i {self.site.target.name or self.site.target}"
        body = (f"<main><h1>{e(title)}</h1>"
                + (f"<ul>{items}</ul>" if plans else "<p>Mappen innehåller inga planer (.md-filer).</p>")
                + "</main>")
        return page_shell(title, body).encode(), version

    def _events(self, query: dict):
        key = (query.get("sida") or [""])[0]
        try:
            version = int((query.get("version") or ["0"])[0])
        except ValueError:
            version = 0
        if key != INDEX and key not in self.site.plans:
            return self._send(404, b"", "text/plain")
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while True:
                newer = self.site.wait_newer(key, version, PING_SECONDS)
                if newer is None:
                    return
                self.wfile.write(b"data: ny\n\n" if newer else b": vplan\n\n")  # a comment keeps it open
                self.wfile.flush()
                if newer:
                    return
        except OSError:  # the browser left
            return

    def _send(self, status: int, body: bytes, kind: str, nonce: str | None = None):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        script = f"'nonce-{nonce}'" if nonce else "'none'"
        # Pages are self-contained (pandoc embeds CSS, images and fonts): nothing else may load.
        self.send_header("Content-Security-Policy",
                         f"default-src 'none'; script-src {script}; style-src 'unsafe-inline'; "
                         "img-src data:; font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'")
        self.end_headers()
        self.wfile.write(body)


def make_server(site: Site, port: int, handler: type[Handler] = Handler) -> ThreadingHTTPServer:
    handler = type("SiteHandler", (handler,), {"site": site})
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise UsageError(f"Porten {port} används redan av ett annat program.",
                             "Ange en annan port med --port, eller --port 0 för att få en ledig.") from None
        if err.errno == errno.EACCES:
            raise UsageError(f"vplan får inte använda port {port}.",
                             "Välj en port över 1024 med --port.") from None
        raise
    server.daemon_threads = True  # a browser's open event stream must not keep vplan alive
    return server


def serve(target: Path, *, options: Options, port: int, say=print, log=lambda key, page: None) -> None:
    """Serve `target` (a plan or a folder of plans) until Ctrl-C, which propagates as KeyboardInterrupt."""
    site = Site(target, options, log)
    server = make_server(site, port)
    poller = Poller(site.watched, site.rebuild, lambda: site.stopping)
    watcher = threading.Thread(target=poller.run, name="vplan-serve-watch", daemon=True)
    try:
        watcher.start()
        say(f"Förhandsvisningen finns på http://{HOST}:{server.server_address[1]}/")
        server.serve_forever(poll_interval=0.2)
    finally:
        site.stop()
        server.server_close()  # the port is free again at once
        watcher.join(timeout=5)
