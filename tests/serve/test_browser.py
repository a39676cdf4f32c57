"""A real browser follows a save: headless Chromium keeps the preview open, the plan is saved,
and Chromium asks for the page again because the reload event told it to."""
from __future__ import annotations

import shutil
import subprocess
import threading
import time

import pytest

from conftest import PLANS
from judges.layout import FLAGS, chromium

WAIT = 30  # seconds: a failure condition, not a speed requirement


@pytest.mark.skipif(chromium() is None, reason="Chromium finns inte på den här datorn")
def test_chromium_reloads_the_page_after_a_save(tmp_path):
    from vplan.options import Options
    from vplan.serve.server import Handler, make_server
    from vplan.serve.site import Site
    from vplan.serve.watch import Poller

    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "plan.md"
    shutil.copy(PLANS[0], plan)
    site = Site(plan, Options.for_project(tmp_path))
    requests: list[tuple[str, float]] = []

    class Recording(Handler):
        def do_GET(self):
            requests.append((self.path, time.monotonic()))
            super().do_GET()

    server = make_server(site, 0, Recording)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=Poller(site.watched, site.rebuild, lambda: site.stopping).run, daemon=True).start()
    port = server.server_address[1]
    browser = subprocess.Popen([chromium(), *FLAGS, f"--user-data-dir={tmp_path}/profil", "--remote-debugging-port=0",
                                f"http://127.0.0.1:{port}/"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _until(lambda: any(p.startswith("/handelser") for p, _ in requests), "the page never opened its event stream")
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("\n# ", "\n# Ett nytt kapitel\n\nNy text.\n\n# ", 1), encoding="utf-8")
        saved = time.monotonic()
        _until(lambda: any(p == "/" and t > saved for p, t in requests), "Chromium did not load the page again")
        assert "Ett nytt kapitel" in site.pages[site.home_key()].html.decode()
    finally:
        browser.terminate()
        browser.wait(timeout=WAIT)
        site.stop()
        server.shutdown()
        server.server_close()


def _until(condition, message: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.05)
