"""Shared test helpers: a real Pelican build of a fixture folder, the way users build."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 23)


def epoch_of(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH for noon UTC of `day` (the same date in Almaty)."""
    return str(int(dt.datetime.combine(day, dt.time(12), dt.timezone.utc).timestamp()))


def build_site(content: Path, output: Path, today: dt.date = TODAY, **overrides) -> Path:
    """Build `content` into `output` in-process with pelican.conf.py, as
    `.venv/bin/pelican CONTENT -s pelican.conf.py -o OUTPUT` does."""
    from pelican import Pelican
    from pelican.settings import read_settings

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch_of(today)
    try:
        settings = read_settings(str(ROOT / "pelican.conf.py"),
                                 override={"PATH": str(content), "OUTPUT_PATH": str(output), **overrides})
        Pelican(settings).run()
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return output


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The fixture site (tests/fixtures/site), built once for the whole run."""
    return build_site(FIXTURES / "site", tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The project's own sample content (content/), built once with the real command."""
    out = tmp_path_factory.mktemp("sample") / "output"
    result = run_pelican(ROOT / "content", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the fixture content, for tests that break it."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", target)
    return target


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def run_pelican(content: Path, output: Path, today: dt.date = TODAY, timeout: float = 120,
                cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command users and CI run, from the project root:
    .venv/bin/pelican CONTENT -s pelican.conf.py -o OUTPUT --cache-path CACHE"""
    return subprocess.run([str(Path(sys.executable).parent / "pelican"), str(content), "-s", str(ROOT / "pelican.conf.py"),
                           "-o", str(output), "--cache-path", str(output.parent / "cache")], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          env={"SOURCE_DATE_EPOCH": epoch_of(today), "PATH": "/usr/bin:/bin", **(env or {})})
