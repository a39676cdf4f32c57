"""`vplan kolada` against a local server answering in the shape of Kolada's v2 API (never the network):
values added with their source, a person's values kept, paging, and every failure in Swedish with
the follow-up untouched."""
from __future__ import annotations

import datetime
import json
import shutil
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import ROOT

PLAN = "plans/vasternorrland-regionstyrelsen-2025.md"
FOLLOWUP = "uppfoljning/vasternorrland-regionstyrelsen-2025-delår.md"
# Test ids only: the example plans carry none (see docs/uppfoljning.md).
IDS = {"hse-index": "N00001", "digital-mognad": "N00002", "karriarmodell": "N00003",
       "patientsakerhetsberattelse": "N00004", "hme-total": "N00005", "kompetensforsorjning": "N00006"}
YEARS = "2024,2025"  # the year before the plan period up to the follow-up's year


def page(kpi: str, values: dict, next_page: str | None = None, municipality: str = "0022") -> dict:
    items = [{"kpi": kpi, "municipality": municipality, "period": year,
              "values": [{"gender": "K", "status": "", "value": 1, "count": 1},
                         {"gender": "T", "status": "" if v is not None else "Saknas", "value": v, "count": 1}]}
             for year, v in values.items()]
    return {"values": items, "count": len(items), "next_page": next_page}


class Kolada:
    """A local stand-in for Kolada: path -> (status, body bytes, delay in seconds, seconds between bytes)."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes, float, float]] = {}
        self.asked: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                owner.asked.append(self.path)
                status, body, delay, drip = owner.routes.get(self.path, (404, b'{"error": "not found"}', 0, 0))
                time.sleep(delay)
                try:
                    self.send_response(status)
                    if status in (301, 302):
                        self.send_header("Location", body.decode())
                        body = b""
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    step = 1 if drip else max(len(body), 1)
                    for at in range(0, len(body), step):
                        self.wfile.write(body[at:at + step])
                        self.wfile.flush()
                        time.sleep(drip)
                except OSError:  # the client gave up (the timeout test)
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def path(self, kpi: str, years: str = YEARS) -> str:
        return f"/v2/data/kpi/{kpi}/municipality/0022/year/{years}"

    def answer(self, kpi: str, doc, status: int = 200, delay: float = 0, path: str | None = None, drip: float = 0):
        body = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
        self.routes[path or self.path(kpi)] = (status, body, delay, drip)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def kolada():
    server = Kolada()
    yield server
    server.close()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the Västernorrland plan (with Kolada ids) and its follow-up, one entry removed."""
    for rel in (PLAN, FOLLOWUP):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    plan = (tmp_path / PLAN).read_text(encoding="utf-8").split("\n")
    out = []
    for i, line in enumerate(plan):
        out.append(line)
        ind = line.strip().removeprefix("- id: ") if line.strip().startswith("- id: ") else None
        if ind in IDS:
            out.append(f"{line[:line.index('-')]}  kolada: {IDS[ind]}")
    (tmp_path / PLAN).write_text("\n".join(out), encoding="utf-8")
    text = (tmp_path / FOLLOWUP).read_text(encoding="utf-8")
    gone = "  - id: patientsakerhetsberattelse\n    värden:\n      2024: 100\n      2025: 100\n"
    commented = "  - id: hse-index\n    värden:\n      2024: 76\n"
    assert gone in text and commented in text
    text = text.replace(gone, "").replace(commented, commented + "      # 2025: preliminärt, från enkäten i juni\n")
    (tmp_path / FOLLOWUP).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def standard_answers(kolada):
    kolada.answer("N00001", page("N00001", {2024: 76, 2025: 77.5}))  # same, and different from the person's 78
    second = kolada.path("N00002") + "&page=2"
    kolada.answer("N00002", page("N00002", {2024: 40}, next_page=kolada.base + second))
    kolada.answer("N00002", page("N00002", {2025: None}), path=second)  # not in Kolada yet
    kolada.answer("N00003", page("N00003", {2024: 9.0, 2025: 14, 2023: 3}))  # 2023 was not asked for
    kolada.answer("N00004", page("N00004", {2024: 100, 2025: 99.5}))


def test_values_are_added_with_their_source_and_a_persons_values_kept(project, kolada, run_cli):
    standard_answers(kolada)
    before = (project / FOLLOWUP).read_text(encoding="utf-8")
    code, out, err = run_cli(["kolada", FOLLOWUP, "--bas-url", kolada.base])
    assert code == 0, err
    today = datetime.date.today().isoformat()
    after = (project / FOLLOWUP).read_text(encoding="utf-8")
    # karriarmodell gets 2024 beside the person's 2025; patientsakerhetsberattelse a new entry under its goal
    assert (f"  - id: karriarmodell\n    värden:\n      2024: 9\n      2025: 14\n    källa:\n"
            f"      2024:\n        kolada: N00003\n        hämtad: {today}\n") in after
    new_entry = (f"  - id: patientsakerhetsberattelse\n    värden:\n      2024: 100\n      2025: 99.5\n"
                 f"    källa:\n      2024:\n        kolada: N00004\n        hämtad: {today}\n"
                 f"      2025:\n        kolada: N00004\n        hämtad: {today}\n")
    assert new_entry in after
    block = after[after.index("  - id: hse-index"):after.index("  - id: patientsakerhetsberattelse")]
    assert "2025: 78" in block and "# 2025: preliminärt" in block and "källa" not in block
    assert "Skrev 3 utfall" in out and "karriarmodell 2024: 9 (Kolada N00003)" in out
    assert "hse-index 2025: uppföljningen har 78, Kolada har 77,5 (N00001)" in out
    assert "digital-mognad 2025 (N00002, status: Saknas)" in out
    assert "hme-total: indikatorn har värden per organisation" in out
    assert "kompetensforsorjning: indikatorn är kvalitativ" in out
    assert "Stämmer redan med Kolada: 3 utfall." in out  # hse 2024, digital-mognad 2024, karriarmodell 2025
    assert kolada.asked.count(kolada.path("N00002") + "&page=2") == 1  # the second page was read
    # lines are only added, none changed or removed: 5 for karriarmodell, 11 for the new entry
    import difflib

    diff = [d for d in difflib.ndiff(before.split("\n"), after.split("\n")) if d[:1] in "+-"]
    assert all(d.startswith("+ ") for d in diff) and len(diff) == 5 + 11, diff
    code, out, err = run_cli(["check", FOLLOWUP])
    assert code == 0, out
    # the comment aside, the written blocks are already in vplan fmt's form
    (project / FOLLOWUP).write_text(after.replace("      # 2025: preliminärt, från enkäten i juni\n", ""),
                                    encoding="utf-8")
    code, out, err = run_cli(["fmt", "--check", FOLLOWUP])
    assert code == 0, out + err
    code, out, _ = run_cli(["export", "--format", "csv", FOLLOWUP])
    assert f"Kolada N00003, hämtad {today}" in out


def test_a_second_run_changes_nothing(project, kolada, run_cli):
    standard_answers(kolada)
    assert run_cli(["kolada", FOLLOWUP, "--bas-url", kolada.base])[0] == 0
    once = (project / FOLLOWUP).read_bytes()
    code, out, err = run_cli(["kolada", FOLLOWUP, "--bas-url", kolada.base])
    assert code == 0, err
    assert "Inga nya utfall att skriva" in out
    assert (project / FOLLOWUP).read_bytes() == once


def _fails(run_cli, project, kolada, expected: str):
    before = (project / FOLLOWUP).read_bytes()
    code, out, err = run_cli(["kolada", FOLLOWUP, "--bas-url", kolada.base])
    assert code == 2 and expected in err, err
    assert "Traceback" not in err and "Gör så här:" in err
    assert (project / FOLLOWUP).read_bytes() == before


def test_server_error(project, kolada, run_cli):
    standard_answers(kolada)
    kolada.answer("N00003", {"error": "internt"}, status=500)
    _fails(run_cli, project, kolada, "Kolada svarade med felkod 500 (internt fel hos Kolada)")
    del kolada.routes[kolada.path("N00003")]  # the local server answers 404 for what it does not know
    _fails(run_cli, project, kolada, "Kolada svarade med felkod 404 (adressen finns inte)")


def test_garbage_json(project, kolada, run_cli):
    standard_answers(kolada)
    kolada.answer("N00004", b"<html>underhall</html>")
    _fails(run_cli, project, kolada, "Kolada svarade med något som inte är JSON")


def test_wrong_shape(project, kolada, run_cli):
    standard_answers(kolada)
    kolada.answer("N00001", {"values": {"2024": 1}})
    _fails(run_cli, project, kolada, "saknar listan values")


def test_timeout(project, kolada, run_cli, monkeypatch):
    monkeypatch.setattr("vplan.kolada.client.TIMEOUT", 0.3)
    standard_answers(kolada)
    kolada.answer("N00001", page("N00001", {2024: 76}), delay=1.5)
    _fails(run_cli, project, kolada, "Kolada svarade inte inom 0,3 sekunder")


def test_a_server_sending_a_byte_now_and_then_times_out_too(project, kolada, run_cli, monkeypatch):
    monkeypatch.setattr("vplan.kolada.client.TIMEOUT", 0.5)
    standard_answers(kolada)
    kolada.answer("N00001", page("N00001", {2024: 76}), drip=0.1)  # each read well inside the timeout
    _fails(run_cli, project, kolada, "Kolada svarade inte inom 0,5 sekunder")


def test_offline(project, run_cli):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    before = (project / FOLLOWUP).read_bytes()
    code, _, err = run_cli(["kolada", FOLLOWUP, "--bas-url", f"http://127.0.0.1:{port}"])
    assert code == 2 and "Kolada gick inte att nå" in err and "servern tog inte emot anslutningen" in err
    assert "internet" in err and "Errno" not in err and "refused" not in err
    assert (project / FOLLOWUP).read_bytes() == before


def test_next_page_elsewhere_and_redirects_are_refused(project, kolada, run_cli):
    standard_answers(kolada)
    kolada.answer("N00001", page("N00001", {2024: 76}, next_page="https://example.invalid/v2/data?page=2"))
    _fails(run_cli, project, kolada, "nästa sida på en annan adress")
    kolada.answer("N00001", b"https://example.invalid/elsewhere", status=302)
    _fails(run_cli, project, kolada, "vplan följer inte sådana hänvisningar")


def test_without_region_id_or_kolada_ids(project, kolada, run_cli):
    text = (project / FOLLOWUP).read_text(encoding="utf-8")
    (project / FOLLOWUP).write_text(text.replace('kolada_kommun: "0022"\n', ""), encoding="utf-8")
    code, _, err = run_cli(["kolada", FOLLOWUP, "--bas-url", kolada.base])
    assert code == 2 and "anger inte regionens id i Kolada" in err and 'kolada_kommun: "0022"' in err
    (project / FOLLOWUP).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / PLAN, project / PLAN)
    code, _, err = run_cli(["kolada", FOLLOWUP, "--bas-url", kolada.base])
    assert code == 2 and "har ett Kolada-id" in err and "kolada: N00945" in err
    assert kolada.asked == []


@pytest.mark.parametrize("url", ["http://api.kolada.se", "ftp://127.0.0.1", "http://localhost:8000",
                                 "https://api.kolada.se?x=1", "file:///etc/passwd"])
def test_only_https_or_local_http(url, run_cli):
    code, _, err = run_cli(["kolada", FOLLOWUP, "--bas-url", url])
    assert code == 2 and "går inte att använda" in err


def test_base_url_is_tidied():
    from vplan.kolada.client import base_url

    assert base_url("https://api.kolada.se/") == "https://api.kolada.se"
    assert base_url("http://127.0.0.1:8080/kolada/") == "http://127.0.0.1:8080/kolada"


def test_crlf_and_bom_are_kept(project, kolada, run_cli):
    standard_answers(kolada)
    path = project / FOLLOWUP
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert run_cli(["kolada", FOLLOWUP, "--bas-url", kolada.base])[0] == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert b"kolada: N00003" in data
