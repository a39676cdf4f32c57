"""vplan serve: a save reaches the browser, findings stand beside their sections, a broken
plan shows its errors, nothing but the plans is reachable, saves are coalesced, Ctrl-C ends it."""
from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import PLANS, ROOT

CASES = ROOT / "tests" / "cases" / "check"
WAIT = 20  # seconds: a failure condition for a stuck server, not a speed requirement


@pytest.fixture
def project(tmp_path):
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "plan.md"
    shutil.copy(PLANS[1], plan)
    return tmp_path


def _site(target: Path, project_dir: Path):
    from vplan.options import Options
    from vplan.serve.site import Site

    return Site(target, Options.for_project(project_dir))


def _get(port: int, path: str, host: str | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    conn.request("GET", path, headers={"Host": host} if host else {})
    resp = conn.getresponse()
    return resp.status, resp.read().decode("utf-8")


class Running:
    """`vplan serve` as a user starts it, in its own process."""

    def __init__(self, *args: str, cwd: Path):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("VPLAN_DEBUG", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "vplan", "serve", *args, "--port", "0", "-v"],
                                     cwd=cwd, stderr=subprocess.PIPE, text=True, env=env)
        self.lines: list[str] = []
        first = self.proc.stderr.readline()
        self.lines.append(first)
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert found, first + self.proc.stderr.read()
        self.port = int(found.group(1))
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line)

    def interrupt(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        code = self.proc.wait(timeout=WAIT)
        self.reader.join(timeout=WAIT)
        return code


def _events_url(page: str) -> str:
    return re.search(r'new EventSource\("([^"]+)"\)', page).group(1)


def _wait_for_event(port: int, url: str, got: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    conn.request("GET", url)
    resp = conn.getresponse()
    while True:
        line = resp.fp.readline().decode()
        if not line or line.startswith("data:"):
            got.append(line)
            return


def test_a_save_reaches_the_browser_and_ctrl_c_ends_cleanly(project):
    server = Running("plans/plan.md", cwd=project)
    try:
        status, page = _get(server.port, "/")
        assert status == 200 and "Regionstyrelsen" in page
        got: list[str] = []
        listener = threading.Thread(target=_wait_for_event, args=(server.port, _events_url(page), got))
        listener.start()
        time.sleep(0.3)  # the stream is open before the save
        plan = project / "plans" / "plan.md"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("# Inledning", "# Inledning med en ny rubrik", 1)
                        if "# Inledning" in text else text + "\n\nEtt nytt stycke om sparandet.\n",
                        encoding="utf-8")
        listener.join(timeout=WAIT)
        assert got and got[0].startswith("data:"), "no reload event after the save"
        status, page = _get(server.port, "/")
        assert "med en ny rubrik" in page or "Ett nytt stycke om sparandet." in page
    finally:
        code = server.interrupt()
    err = "".join(server.lines)
    assert code == 130, err
    assert "Avbrutet." in err and "Traceback" not in err
    with socket.socket() as s:  # the port is free again for the next server (as http.server binds)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", server.port))
        s.listen()


def test_findings_stand_beside_their_section_and_at_the_top(tmp_path):
    shutil.copy(CASES / "vp302-delrader-summa.md", tmp_path / "plan.md")
    site = _site(tmp_path / "plan.md", ROOT)
    page, _ = site.page(site.home_key())
    html = page.html.decode()
    assert page.shown and page.errors == 1
    top = html.index('id="vplan-fynd"')
    heading = html.index('id="ekonomi"')
    beside = html.index('class="vplan-fynd-har"')
    assert top < heading < beside < html.index('id="risker"')
    assert html.count("Fel VP302, rad 52:") == 2
    assert 'href="#ekonomi"' in html[top:heading]


@pytest.mark.parametrize("case", ["vp002-oavslutad.md", "fil-binar.md", "vp100-kapitel-saknas.md"])
def test_a_broken_plan_shows_its_errors(tmp_path, case):
    source = CASES / case
    if not source.exists():
        pytest.skip(f"{case} finns inte bland fallen")
    shutil.copy(source, tmp_path / "plan.md")
    expected = re.findall(r": (?:fel|varning) (VP\d+):", (CASES / case.replace(".md", ".expected")).read_text())
    site = _site(tmp_path / "plan.md", ROOT)
    html = site.page(site.home_key())[0].html.decode()
    assert expected and all(code in html for code in expected)


def test_a_plan_removed_while_shown_gives_an_error_page(project):
    plan = project / "plans" / "plan.md"
    site = _site(plan, project)
    assert site.page(site.home_key())[0].shown
    plan.unlink()
    site.rebuild({plan})
    page = site.page(site.home_key())[0]
    assert not page.shown and "kan inte visas" in page.html.decode()


def test_a_plan_added_to_the_folder_reaches_the_list(project):
    site = _site(project / "plans", project)
    index_version = site.versions[""]
    new = project / "plans" / "ny.md"
    shutil.copy(PLANS[0], new)
    site.rebuild({new})
    assert site.versions[""] > index_version and "ny.md" in site.plans
    assert site.key_for("/plan/ny.md") == "ny.md" and site.key_for("/plan/saknas.md") is None


def test_only_the_plans_are_reachable(project):
    (project / "hemlig.txt").write_text("hemligt", encoding="utf-8")
    os.symlink("/etc/passwd", project / "plans" / "passwd.md")
    server = Running("plans", cwd=project)
    try:
        status, index = _get(server.port, "/")
        assert status == 200 and 'href="/plan/plan.md"' in index
        assert '<a href="/plan/plan.md">plan.md</a> – inga fel</li>' in index
        assert "passwd.md</a> – 1 fel</li>" in index  # VP008: a link out of the project
        assert _get(server.port, "/plan/plan.md")[0] == 200
        for path in ["/../hemlig.txt", "/plan/../hemlig.txt", "/plan/..%2fhemlig.txt", "/plan/%2e%2e/hemlig.txt",
                     "/plan//etc/passwd", "/plan/%2Fetc%2Fpasswd", "/hemlig.txt", "/plans/plan.md",
                     "/plan/plan.md/../../hemlig.txt", "/plan/plan.md%00"]:
            status, body = _get(server.port, path)
            assert status == 404 and "hemligt" not in body, path
        status, body = _get(server.port, "/plan/passwd.md")  # a link out of the project: refused (VP008)
        assert "root:" not in body
        assert _get(server.port, "/", host="angripare.example:80")[0] == 403
    finally:
        assert server.interrupt() == 130


def test_saving_ten_times_a_second_does_not_start_a_rebuild_storm(project):
    plan = project / "plans" / "plan.md"
    text = plan.read_text(encoding="utf-8")
    server = Running("plans/plan.md", cwd=project)
    try:
        _get(server.port, "/")
        for i in range(30):  # three seconds of saving
            plan.write_text(text + f"\n\nStycke nummer {i}.\n", encoding="utf-8")
            time.sleep(0.1)
        deadline = time.monotonic() + WAIT
        while "Stycke nummer 29." not in _get(server.port, "/")[1]:
            assert time.monotonic() < deadline, "the last save was never built"
            time.sleep(0.2)
    finally:
        server.interrupt()
    builds = sum(1 for line in server.lines if line.startswith("Byggde om"))
    assert 2 <= builds <= 16, "".join(server.lines)  # one build per save would be 31


def test_the_poller_coalesces_a_burst_and_builds_the_last_save(tmp_path):
    from vplan.serve.watch import Poller

    f = tmp_path / "plan.md"
    f.write_text("0", encoding="utf-8")
    clock = [0.0]
    builds: list[str] = []
    saves = iter(range(1, 21))

    def sleep(seconds):
        clock[0] += seconds
        n = next(saves, None)
        if n is not None:  # a save at every poll for two seconds
            f.write_text("x" * n, encoding="utf-8")

    poller = Poller(lambda: [f], lambda paths: builds.append(f.read_text()), lambda: clock[0] > 3,
                    clock=lambda: clock[0], sleep=sleep)
    poller.run()
    assert 3 <= len(builds) <= 8
    assert builds[-1] == "x" * 20


def test_a_busy_port_is_a_swedish_usage_error(project, run_cli):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = run_cli(["serve", str(project / "plans"), "--port", str(port)])
    assert code == 2 and f"Porten {port} används redan" in err and "--port 0" in err
