"""The site's settings file (pelican.conf.py) read without Pelican, for the
editors' command: the checker must start fast and share the build's settings."""
from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

from .config import SiteConfig

SETTINGS_FILE = "pelican.conf.py"


def read_settings(path: Path) -> dict[str, Any]:
    """The upper-case names the file defines ({} when there is no such file)."""
    if not path.is_file():
        return {}
    return {name: value for name, value in runpy.run_path(str(path)).items() if name.isupper()}


def site_config(path: Path) -> SiteConfig:
    return SiteConfig.from_settings(read_settings(path))
