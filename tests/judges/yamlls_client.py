"""The YAML language server (what VS Code's YAML extension runs) driven over stdio.

Used by tests/test_schema_editor.py to see the schemas as an editor does: which
file gets which schema, the diagnostics, completion and hover it gives. Install
the judge with ``.ci/install-judges.sh``.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

SERVER = Path(__file__).resolve().parent / "yamlls" / "node_modules" / ".bin" / "yaml-language-server"
TIMEOUT_SECONDS = 30


def missing() -> str | None:
    """Why the judge cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node är inte installerat (kör .ci/install-judges.sh)"
    if not SERVER.exists():
        return "yaml-language-server är inte installerat (kör .ci/install-judges.sh)"
    return None


class YamlServer:
    """One language server for a workspace folder, with VS Code's `yaml.*` settings."""

    def __init__(self, workspace: Path, yaml_settings: dict):
        self.workspace = workspace
        self.settings = yaml_settings
        self._proc = subprocess.Popen([str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL)
        self._inbox: queue.Queue = queue.Queue()
        self._held: list[dict] = []
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {
            "processId": os.getpid(), "rootUri": workspace.as_uri(),
            "workspaceFolders": [{"uri": workspace.as_uri(), "name": workspace.name}],
            "capabilities": {"workspace": {"configuration": True},
                             "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": yaml_settings}})

    def close(self) -> None:
        self._proc.kill()
        self._proc.wait(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- the protocol ----------------------------------------------------------------

    def _send(self, message: dict) -> None:
        data = json.dumps(message).encode("utf-8")
        self._proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self._proc.stdin.flush()

    def _read(self) -> None:
        out = self._proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(out.read(length))
            if "method" in message and "id" in message:  # the server asks: settings, registrations
                result = None
                if message["method"] == "workspace/configuration":
                    result = [self.settings if item.get("section") == "yaml" else None
                              for item in message["params"]["items"]]
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            else:
                self._inbox.put(message)

    def _take(self, wanted, timeout: float = TIMEOUT_SECONDS) -> dict:
        end = time.monotonic() + timeout
        while True:
            for message in self._held:
                if wanted(message):
                    self._held.remove(message)
                    return message
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError("yaml-language-server svarade inte")
            try:
                self._held.append(self._inbox.get(timeout=left))
            except queue.Empty:
                pass

    def request(self, method: str, params: dict):
        self._next += 1
        ident = self._next
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        return self._take(lambda m: m.get("id") == ident).get("result")

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    # --- what a test asks --------------------------------------------------------------

    def open(self, name: str, text: str) -> list[tuple[int, str]]:
        """Write and open a YAML file; (line, message) of each diagnostic the server publishes."""
        path = self.workspace / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        self.notify("textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        found = self._take(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                           and m["params"]["uri"] == uri)
        return [(d["range"]["start"]["line"], d["message"]) for d in found["params"]["diagnostics"]]

    def completion(self, name: str, line: int, character: int) -> list[str]:
        result = self.request("textDocument/completion", {
            "textDocument": {"uri": (self.workspace / name).as_uri()},
            "position": {"line": line, "character": character}})
        items = result.get("items", []) if isinstance(result, dict) else (result or [])
        return [item["label"] for item in items]

    def hover(self, name: str, line: int, character: int) -> str:
        result = self.request("textDocument/hover", {
            "textDocument": {"uri": (self.workspace / name).as_uri()},
            "position": {"line": line, "character": character}})
        contents = (result or {}).get("contents", "")
        return contents.get("value", "") if isinstance(contents, dict) else str(contents)
