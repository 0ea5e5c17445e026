"""Files the pages use besides themselves: the theme's static files and the
images that entries show."""
from __future__ import annotations

from pathlib import Path

from dostyq import urls
from dostyq.model import Content
from dostyq.output import SiteOutput

THEME_STATIC = "theme"  # published under /theme/ (Pelican's THEME_STATIC_DIR)


def write_theme_files(theme: Path, output: SiteOutput) -> None:
    static = theme / "static"
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        output.write(f"{THEME_STATIC}/{path.relative_to(static).as_posix()}", path.read_bytes())


def write_images(content: Content, output: SiteOutput) -> None:
    """Images that entries use, published under media/ (only those, none else)."""
    used = set()
    for event in content.events:
        if event.image:
            used.add(event.image.path)
        for photos in event.gallery.values():
            used.update(photo.image.path for photo in photos)
    used.update(c.logo.path for c in content.centers.values() if c.logo)
    for image in sorted(used):
        output.write(urls.media_file(image), (content.root / image).read_bytes())
