"""Files the pages use besides themselves: the theme's static files and the
images that entries show."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import rcssmin

from dostyq import urls
from dostyq.images import Responsive, process
from dostyq.model import Content
from dostyq.output import SiteOutput

THEME_STATIC = "theme"
PREVIEW_WIDTH = 960  # published under /theme/ (Pelican's THEME_STATIC_DIR)


def write_theme_files(theme: Path, output: SiteOutput) -> None:
    """The theme's static files; the stylesheet without its comments and spaces
    (rcssmin): it is written for those who keep it, and loaded by every page."""
    static = theme / "static"
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".css":
            data = rcssmin.cssmin(data.decode("utf-8")).encode("utf-8")
        output.write(f"{THEME_STATIC}/{path.relative_to(static).as_posix()}", data)


@dataclass(frozen=True)
class Published:
    """An image as published: its resized copies, and the hash of its bytes (what
    the pages and cards that show it depend on)."""

    responsive: Responsive
    digest: str
    preview: bytes  # a middle-sized copy, in sRGB: what social cards draw (faster than the original)


def write_images(content: Content, output: SiteOutput, cache_dir: Path | None) -> dict[str, Published]:
    """Images that entries use (only those), published resized and without their
    metadata under media/; returns their sizes (and the hash of their bytes, in
    `digest`) by content path, for the pages. The originals are not published:
    they may carry the GPS position."""
    used = set()
    for event in content.events:
        if event.image:
            used.add(event.image.path)
        for photos in event.gallery.values():
            used.update(photo.image.path for photo in photos)
    used.update(c.logo.path for c in content.centers.values() if c.logo)
    pictures = {}
    stems = Counter(str(PurePosixPath(image).with_suffix("")) for image in used)
    for image in sorted(used):
        path = PurePosixPath(image)
        # a.jpg and a.png in one folder: their copies are named a-jpg-480.webp, a-png-480.webp
        stem = path.stem if stems[str(path.with_suffix(""))] == 1 else path.name.replace(".", "-")
        source = (content.root / image).read_bytes()
        responsive, files = process(source, stem,
                                    cache_dir / "images" if cache_dir else None)
        for name, data in sorted(files.items()):
            output.write(urls.media_rendition(image, name), data)
        middle = min(responsive.fallback, key=lambda r: abs(r.width - PREVIEW_WIDTH))
        pictures[image] = Published(responsive, hashlib.blake2b(source, digest_size=16).hexdigest(), files[middle.name])
    return pictures
