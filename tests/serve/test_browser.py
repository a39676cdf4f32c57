"""A real browser follows a save: headless Chromium keeps the preview open, the plan is saved,
and Chromium asks for the page again because the reload event told it to."""
from __future__ import annotations

import shutil
import time

import pytest

from conftest import PLANS
from judges.layout import chromium
from judges.preview import Watched


@pytest.mark.skipif(chromium() is None, reason="Chromium finns inte på den här datorn")
def test_chromium_reloads_the_page_after_a_save(tmp_path):
    from vplan.options import Options
    from vplan.serve.site import Site

    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "plan.md"
    shutil.copy(PLANS[0], plan)
    site = Site(plan, Options.for_project(tmp_path))
    with Watched(site) as preview:
        preview.open_in_chromium(str(tmp_path / "profil"))
        preview.until(preview.streams, "the page never opened its event stream")
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("\n# ", "\n# Ett nytt kapitel\n\nNy text.\n\n# ", 1), encoding="utf-8")
        saved = time.monotonic()
        preview.until(lambda: preview.page_loaded_after(saved), "Chromium did not load the page again")
        assert "Ett nytt kapitel" in site.pages[site.home_key()].html.decode()
