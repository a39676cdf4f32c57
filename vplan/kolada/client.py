"""Kolada's v2 data API: the values of one KPI for one municipality (or region) and some years.

GET {bas}/v2/data/kpi/{kpi}/municipality/{id}/year/{år,år}; the answer is
{"values": [{"kpi", "municipality", "period", "values": [{"gender", "status", "value", "count"}]}],
 "count", "next_page"}, at most 5 000 items a page, next_page a full URL or null.
Only the base URL the user gave is ever asked (https, or http to 127.0.0.1 for tests and local
mirrors); redirects and next pages elsewhere are refused. Every failure is a Swedish UsageError.
"""
from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal

from vplan.errors import UsageError

DEFAULT_BASE = "https://api.kolada.se"
TIMEOUT = 20.0  # seconds for each request
MAX_BYTES = 20 * 2**20  # a page of 5 000 items is about 1 MB
MAX_PAGES = 200
TOTAL = "T"  # Kolada's gender code for women and men together
_KPI = re.compile(r"[NU][0-9]{5}")
_MUNICIPALITY = re.compile(r"[0-9]{4}")


class KoladaError(UsageError):
    """Kolada could not be asked, or its answer could not be used: nothing is changed."""


def base_url(raw: str) -> str:
    """The base URL without a trailing slash, if it is https or http to 127.0.0.1; else a UsageError."""
    parts = urllib.parse.urlsplit(raw.strip())
    local = parts.scheme == "http" and parts.hostname == "127.0.0.1"
    if not (parts.scheme == "https" and parts.hostname or local) or parts.query or parts.fragment \
            or parts.username or parts.password:
        raise UsageError(f"--bas-url {raw} går inte att använda: vplan hämtar bara från en adress som börjar "
                         "med https:// (eller http://127.0.0.1 för en kopia på den egna datorn).",
                         f"Utelämna --bas-url för Koladas egen adress, {DEFAULT_BASE}.")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def _origin(url: str) -> tuple:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise KoladaError(f"Kolada skickade vidare frågan till {newurl}; vplan följer inte sådana hänvisningar.",
                          "Kontrollera --bas-url.")


def _opener(base: str):
    handlers = [_NoRedirect()]
    if _origin(base)[1] == "127.0.0.1":  # a local server: never through a proxy
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def get_json(url: str, base: str, timeout: float | None = None):
    """The JSON document at `url` (numbers with decimals as Decimal), or a KoladaError saying why not."""
    from vplan import __version__

    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": f"vplan/{__version__}"})
    deadline = time.monotonic() + (timeout or TIMEOUT)
    try:
        with _opener(base).open(request, timeout=timeout or TIMEOUT) as response:
            data = _read_until(response, deadline)
    except urllib.error.HTTPError as exc:
        meaning = _HTTP.get(exc.code, "fel hos Kolada" if exc.code >= 500 else "frågan godtogs inte")
        raise KoladaError(f"Kolada svarade med felkod {exc.code} ({meaning}) på {url}.",
                          "Försök igen senare. Kvarstår felet: kontrollera Kolada-id:na och regionens id.") from None
    except (TimeoutError, urllib.error.URLError, OSError) as exc:
        raise _unreachable(exc, url, timeout or TIMEOUT) from None
    if len(data) > MAX_BYTES:
        raise KoladaError(f"Kolada svarade med mer än {MAX_BYTES // 2**20} MB på {url}.", "Kontrollera --bas-url.")
    try:
        return json.loads(data.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, ValueError):
        raise KoladaError(f"Kolada svarade med något som inte är JSON på {url}.",
                          "Försök igen senare, eller kontrollera --bas-url.") from None


def _read_until(response, deadline: float) -> bytes:
    """At most MAX_BYTES + 1 bytes of the answer, or TimeoutError after `deadline`. The socket's
    timeout is per read: a server sending a byte now and then would otherwise never time out."""
    chunks, size = [], 0
    while size <= MAX_BYTES:
        chunk = response.read1(min(2**16, MAX_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError("timed out")
    return b"".join(chunks)


# What an HTTP status means, in words (the server's own reason phrase is English).
_HTTP = {400: "felaktig fråga", 401: "ingen behörighet", 403: "ingen behörighet", 404: "adressen finns inte",
         429: "för många frågor på kort tid", 500: "internt fel hos Kolada", 502: "tjänsten är inte tillgänglig",
         503: "tjänsten är inte tillgänglig", 504: "tjänsten svarade inte i tid"}


def _unreachable(exc: Exception, url: str, timeout: float) -> KoladaError:
    import socket
    import ssl

    reason = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        seconds = f"{timeout:g}".replace(".", ",")
        return KoladaError(f"Kolada svarade inte inom {seconds} sekunder ({url}).", "Försök igen senare.")
    if isinstance(reason, KoladaError):
        return reason
    if isinstance(reason, socket.gaierror):
        why = "namnet på servern gick inte att slå upp"
    elif isinstance(reason, ConnectionRefusedError):
        why = "servern tog inte emot anslutningen"
    elif isinstance(reason, ssl.SSLError):
        why = "den säkra anslutningen gick inte att upprätta (certifikatet)"
    elif isinstance(reason, OSError) and reason.errno is not None:
        why = f"nätverksfel {reason.errno}"
    else:
        why = "nätverksfel"
    return KoladaError(f"Kolada gick inte att nå ({url}): {why}.",
                       "Kontrollera att datorn är ansluten till internet och försök igen.")


def fetch(base: str, kpi: str, municipality: str, years, timeout: float | None = None
          ) -> dict[int, tuple[Decimal | None, str | None]]:
    """year -> (the total's value or None, Kolada's status text) for every year Kolada answered for."""
    if not _KPI.fullmatch(kpi) or not _MUNICIPALITY.fullmatch(municipality):
        raise UsageError(f"Kolada-id {kpi} eller regionens id {municipality} har fel form.",
                         "Ett nyckeltal skrivs som N00945, en region som \"0022\".")
    wanted = sorted(set(years))
    url = f"{base}/v2/data/kpi/{kpi}/municipality/{municipality}/year/{','.join(map(str, wanted))}"
    found: dict[int, tuple[Decimal | None, str | None]] = {}
    for _ in range(MAX_PAGES):
        doc = get_json(url, base, timeout)
        for year, value in _items(doc, url, kpi, municipality):
            if year in wanted and year not in found:
                found[year] = value
        url = doc.get("next_page")
        if not url:
            return found
        if not isinstance(url, str) or _origin(url) != _origin(base):
            raise KoladaError(f"Kolada hänvisade till nästa sida på en annan adress ({url}).",
                              "Kontrollera --bas-url.")
    raise KoladaError(f"Kolada svarade med fler än {MAX_PAGES} sidor för {kpi}.", "Kontrollera --bas-url.")


def _items(doc, url: str, kpi: str, municipality: str):
    """(year, (value, status)) of each item for this KPI and municipality; a KoladaError for another shape."""
    items = doc.get("values") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise KoladaError(f"Koladas svar på {url} saknar listan values.", "Kontrollera --bas-url.")
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("values"), list):
            raise KoladaError(f"Koladas svar på {url} har ett värde utan listan values.", "Kontrollera --bas-url.")
        if str(item.get("kpi", kpi)) != kpi or str(item.get("municipality", municipality)) != municipality:
            continue  # another KPI or place than asked for: not ours to write
        try:
            year = int(item.get("period"))
        except (TypeError, ValueError):
            raise KoladaError(f"Koladas svar på {url} har en period som inte är ett år: {item.get('period')!r}.",
                              "Kontrollera --bas-url.") from None
        total = next((v for v in item["values"] if isinstance(v, dict) and v.get("gender") == TOTAL), None)
        yield year, _value(total)


def _value(total) -> tuple[Decimal | None, str | None]:
    if total is None:
        return None, None
    value, status = total.get("value"), total.get("status") or None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None, status if isinstance(status, str) else None
    return Decimal(value), status if isinstance(status, str) else None
