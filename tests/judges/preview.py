"""`vplan serve`'s preview run from threads with every request recorded, and headless Chromium
watching it: for the browser test and bench/serve.py."""
from __future__ import annotations

import subprocess
import threading
import time

from judges.layout import FLAGS, chromium

WAIT = 60  # seconds: a failure condition, not a speed requirement


class Watched:
    """`with Watched(site) as w:` serves the site on a free port until the block ends."""

    def __init__(self, site):
        self.site = site
        self.requests: list[tuple[str, float]] = []
        self.browser = None

    def __enter__(self):
        from vplan.serve.server import Handler, make_server
        from vplan.serve.watch import Poller

        requests = self.requests

        class Recording(Handler):
            def do_GET(self):
                requests.append((self.path, time.monotonic()))
                super().do_GET()

        self.server = make_server(self.site, 0, Recording)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        poller = Poller(self.site.watched, self.site.rebuild, lambda: self.site.stopping)
        threading.Thread(target=poller.run, daemon=True).start()
        return self

    def open_in_chromium(self, profile: str) -> None:
        """Chromium keeps the page open (and its event stream) until the block ends."""
        self.browser = subprocess.Popen(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
             f"http://127.0.0.1:{self.port}/"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def streams(self) -> int:
        return sum(1 for path, _ in self.requests if path.startswith("/handelser"))

    def page_loaded_after(self, moment: float) -> float | None:
        return next((t for path, t in self.requests if path == "/" and t > moment), None)

    def until(self, condition, message: str):
        deadline = time.monotonic() + WAIT
        while not (value := condition()):
            if time.monotonic() > deadline:
                raise AssertionError(message)
            time.sleep(0.01)
        return value

    def __exit__(self, *exc):
        if self.browser is not None:
            self.browser.terminate()
            self.browser.wait(timeout=WAIT)
        self.site.stop()
        self.server.shutdown()
        self.server.server_close()
        return False
