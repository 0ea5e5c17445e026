"""Every page of the fixture site passes the Nu HTML Checker (vnu-jar from npm,
run with the system's Java; installed by tests/setup-tools.sh)."""
from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "tests" / "oracles" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.oracle
def test_every_page_is_valid_html(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [(m.get("url", "").split("output/")[-1], m.get("message")) for m in messages] == []
    assert result.returncode == 0
