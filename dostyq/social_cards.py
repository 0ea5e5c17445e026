"""Social card images: the 1200x630 PNG shown as the `og:image` of a shared link,
and, in a second layout at the end of this module, the 1080x1350 image of a
ready social-media post (draw_post).

A card is drawn with Pillow and the bundled Noto Sans subset (dostyq/fonts/),
which has real glyphs for the Kazakh letters (ә ғ қ ң ө ұ ү һ і) that many
system fonts lack. The module knows nothing of Pelican: it takes the words and
returns PNG bytes.

Layout (no picture)::

    +--------------------------------------------------------------+
    |  [LABEL]                                                      |
    |  Title in bold white, 72 px, shrunk step by step              |
    |  to at most four lines                                        |
    |                                                               |
    |  21 наурыз 2026, 10:00                                        |
    |  Достық үйі, Өскемен                                          |
    |                                                               |
    |  Достық үйлері                                                |
    +==============================================================+  <- accent band

With a picture, a rounded 420x420 tile holds it on the right and the text
column narrows to 580 px.

Speed: a site draws one card per event per language, thousands per build, so
a card without a picture costs about 2 ms here:

* The card is an 8-bit greyscale image turned into a palette image: indices
  0-127 are a ramp from the background to white, 128-255 a ramp from the
  background to the accent colour. Anti-aliased text of any colour on one ramp
  drawn over that ramp's start is then an exact alpha blend, and the PNG is a
  third the size of an RGB one to compress (`compress_level=1`).
* Text is laid out with Pillow's basic layout (no shaping, no kerning: the
  fonts have no `kern` table, so a line is exactly the sum of its characters'
  advances) and drawn by pasting cached glyph masks, one per font size and
  character, at the pen positions FreeType would use. The result is the same,
  pixel for pixel, as `ImageDraw.text` (tests/test_social_cards.py checks it)
  and over ten times faster, since FreeType renders each glyph once per process.

Cards with a picture are RGB and cost about 15 ms, half of it decoding and
scaling the picture; the PNG is written here with one filter for every row
rather than by Pillow, whose encoder tries four on each row (10 ms more).

Untrusted text is cleaned first (`clean_text`): control and format characters
are dropped, Unicode is NFC-normalised, every field is capped in length before
layout, and characters the font lacks are replaced by their compatibility
decomposition where it has glyphs (fancy "𝐁𝐨𝐥𝐝" letters, ligatures, full-width
forms), dropped when they are symbols or marks (emoji, variation selectors),
and otherwise left to the font's missing-glyph box (a Chinese or Arabic word).
"""
from __future__ import annotations

import io
import re
import struct
import unicodedata
import warnings
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

__all__ = ["POST_SIZE", "SIZE", "CardText", "TitleFit", "clean_text", "draw_card", "draw_post", "fit_title",
           "has_real_glyph", "wrap_words"]

SIZE = (1200, 630)
WIDTH, HEIGHT = SIZE

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {True: FONT_DIR / "NotoSans-Bold.ttf", False: FONT_DIR / "NotoSans-Regular.ttf"}

BACKGROUND = (0x14, 0x50, 0x5F)  # deep teal
WHITE = (255, 255, 255)
ACCENT = (0xF2, 0xB1, 0x34)  # warm saffron

# Palette indices (see the module docstring). Colours on the white ramp are
# fractions of 127, on the accent ramp 128 + fractions of 127.
_BG = 0
_TITLE = 127  # pure white
_DETAIL = 112  # ~88 % white
_SITE = 100  # ~79 % white
_ACCENT_BG = 128  # the background colour again, as the start of the accent ramp
_ACCENT = 255

# Geometry, in pixels.
MARGIN_X = 80
MARGIN_TOP = 64
BAND_HEIGHT = 16  # the accent band along the bottom edge
LABEL_SIZE = 22
LABEL_HEIGHT = 42
LABEL_PADDING = 18
LABEL_TRACKING = 2  # extra space between the label's capitals
LABEL_GAP = 30
TITLE_SIZES = (72, 68, 64, 60, 56, 52, 48, 44)
LONG_WORD_SIZES = (40, 36, 32, 28, 24)  # only to fit a word longer than a line
TITLE_MAX_LINES = 4
TITLE_ASCENT = 0.76  # first baseline below the title's top, in ems
TITLE_LEADING = 1.16  # baseline to baseline, in ems
TITLE_GAP = 30
DETAIL_SIZE = 32
DETAIL_STEP = 44
DETAIL_MAX_LINES = 3
SITE_SIZE = 28
SITE_BASELINE = HEIGHT - BAND_HEIGHT - 44
SITE_GAP = 36  # free space above the site name
PICTURE_SIZE = 420
PICTURE_RADIUS = 28
PICTURE_X = WIDTH - 64 - PICTURE_SIZE
PICTURE_Y = (HEIGHT - BAND_HEIGHT - PICTURE_SIZE) // 2
PICTURE_GAP = 56  # between the text column and the picture
TEXT_WIDTH = WIDTH - 2 * MARGIN_X
TEXT_WIDTH_WITH_PICTURE = PICTURE_X - PICTURE_GAP - MARGIN_X

# Caps on untrusted input, in characters, applied before layout: far more
# than fits on a card, so they never change what is drawn.
TITLE_LIMIT = 400
LINE_LIMIT = 200
SITE_LIMIT = 120
LABEL_LIMIT = 60

ELLIPSIS = "…"
HYPHEN = "-"
_DASHES = frozenset("—–-")
_TRAILING_PUNCTUATION = ",.;:!?-–—(/«\"'"
# Spaces that do not break a line; they are all drawn as U+00A0.
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")
_SPACES = re.compile(r" {2,}")
# A character certainly not in the font, to render its missing-glyph box.
_NOTDEF_PROBE = "\uffff"


@dataclass(frozen=True)
class CardText:
    title: str  # in the page's language
    lines: tuple[str, ...]  # e.g. ("21 наурыз 2026, 10:00", "Достық үйі, Өскемен"); may be empty
    site_name: str  # e.g. "Достық үйлері" / "Дома дружбы"
    label: str = ""  # small label above the title, e.g. the category "Мереке"/"Праздник"
    lang: str = "kk"  # the page's language; part of the card's identity, layout does not depend on it


# --- Fonts and glyphs ------------------------------------------------------


@lru_cache(maxsize=64)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    """The bundled font at one size. Basic layout on purpose: the same result
    with or without libraqm, and the glyph-by-glyph drawing below relies on it."""
    return ImageFont.truetype(str(FONT_FILES[bold]), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=32768)
def _advance(bold: bool, size: int, char: str) -> int:
    """The pen advance of one character. With basic layout and hinting the
    advances are whole pixels and a line's `getlength` is their sum."""
    return int(_font(bold, size).getlength(char))


@lru_cache(maxsize=16384)
def _glyph(bold: bool, size: int, char: str) -> tuple[Image.Image | None, int, int, int]:
    """(mask, dx, dy, advance) of one character: the mask to paste at
    (pen x + dx, baseline + dy), exactly what `ImageDraw.text` would draw."""
    font = _font(bold, size)
    left, top, right, bottom = font.getbbox(char, anchor="ls")
    advance = int(font.getlength(char))
    if right <= left or bottom <= top:
        return None, 0, 0, advance
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=font, fill=255, anchor="ls")
    return mask, left, top, advance


def _width(text: str, bold: bool, size: int, tracking: int = 0) -> int:
    return sum(_advance(bold, size, char) for char in text) + tracking * len(text)


def _draw_text(image: Image.Image, x: int, baseline: int, text: str, bold: bool, size: int, fill: int,
               tracking: int = 0) -> None:
    """Draw one line with its baseline at `baseline`, by pasting cached glyph masks."""
    paste = image.paste
    for char in text:
        mask, dx, dy, advance = _glyph(bold, size, char)
        if mask is not None:
            paste(fill, (x + dx, baseline + dy), mask)
        x += advance + tracking


@lru_cache(maxsize=2)
def _notdef_signature(bold: bool) -> tuple:
    return _render_signature(bold, _NOTDEF_PROBE)


def _render_signature(bold: bool, char: str, size: int = 40) -> tuple:
    font = _font(bold, size)
    box = font.getbbox(char, anchor="ls")
    width, height = box[2] - box[0], box[3] - box[1]
    if width <= 0 or height <= 0:
        return box, int(font.getlength(char)), b""
    image = Image.new("L", (width, height), 0)
    ImageDraw.Draw(image).text((-box[0], -box[1]), char, font=font, fill=255, anchor="ls")
    return box, int(font.getlength(char)), image.tobytes()


@lru_cache(maxsize=8192)
def has_real_glyph(char: str, bold: bool = True) -> bool:
    """Whether the bundled font draws `char` with a glyph of its own rather
    than its missing-glyph (.notdef) box: the character's rendering (mask,
    box and advance) is compared with that of a code point no font maps."""
    if len(char) != 1:
        raise ValueError(f"one character expected, not {char!r}")
    if char == _NOTDEF_PROBE:
        return False
    return _render_signature(bold, char) != _notdef_signature(bold)


# --- Cleaning untrusted text -----------------------------------------------


@lru_cache(maxsize=4096)
def _replacement(char: str) -> str:
    """What to draw for one character: itself, a substitute, or nothing."""
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp"):
        return " " if char in "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029" else ""
    if category in ("Cf", "Cs", "Co", "Cn"):  # bidi and zero-width controls, lone surrogates, private use, unassigned
        return ""
    if category == "Zs":
        return "\u00a0" if char in _NO_BREAK_SPACES else " "
    if has_real_glyph(char):
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed != char and decomposed.strip() and all(
            has_real_glyph(part) or unicodedata.category(part).startswith("M") for part in decomposed):
        return "".join(part for part in decomposed if has_real_glyph(part))
    if category[0] in "SM":  # emoji and other symbols, variation selectors, stray marks: left out
        return ""
    return char  # a letter the font lacks (Chinese, Arabic, ...): the missing-glyph box


def clean_text(text: str, limit: int = TITLE_LIMIT) -> str:
    """`text` made safe to lay out: at most `limit` characters, NFC, no
    control or format characters, runs of spaces made one, no characters the
    font cannot draw except letters (shown as boxes). Never raises."""
    if not isinstance(text, str):
        text = str(text)
    text = unicodedata.normalize("NFC", text[: limit * 4])
    text = "".join(_replacement(char) for char in text[: limit * 2])
    text = _SPACES.sub(" ", text).strip()
    if len(text) > limit:
        text = text[:limit].rstrip()
    return text


def _words(text: str) -> list[str]:
    return [word for word in text.split(" ") if word]


# --- Layout ------------------------------------------------------------------


def _break_word(word: str, width: float, bold: bool, size: int) -> list[str]:
    """The last resort for a word wider than a line at the smallest size:
    pieces that fit, each but the last ending with a hyphen (with room for
    an ellipsis instead, should the title be cut after that piece)."""
    hyphen = max(_advance(bold, size, HYPHEN), _advance(bold, size, ELLIPSIS))
    pieces, piece, piece_width = [], "", 0
    for char in word:
        advance = _advance(bold, size, char)
        if piece and piece_width + advance + hyphen > width:
            pieces.append(piece + HYPHEN)
            piece, piece_width = "", 0
        piece += char
        piece_width += advance
    pieces.append(piece)
    return pieces


def _units(words: list[str]) -> list[list[str]]:
    """Words that should stay on one line: a one- or two-character word (в, и,
    на, 21) goes with the next word, a dash with the word before it."""
    units: list[list[str]] = []
    glue = False
    for word in words:
        if units and (glue or word in _DASHES):
            units[-1].append(word)
        else:
            units.append([word])
        glue = len(word) <= 2 and word[-1].isalnum()
    return units


def wrap_words(text: str, width: float, size: int, bold: bool = True) -> list[str] | None:
    """Greedy line breaking of `text` at its spaces, by measured widths (the
    sum of the characters' advances, which is the font's `getlength`).
    Words are never cut: None if a word alone is wider than `width`. A short
    word is kept with the next one unless the two together are too wide."""
    space = _advance(bold, size, " ")
    lines: list[str] = []
    current: list[str] = []
    current_width = 0
    pending = _units(_words(text))
    pending.reverse()
    while pending:
        unit = pending.pop()
        unit_width = _width(" ".join(unit), bold, size)
        if unit_width > width:
            if len(unit) == 1:
                return None
            pending.extend([word] for word in reversed(unit))  # too wide together: word by word
            continue
        if current and current_width + space + unit_width <= width:
            current.extend(unit)
            current_width += space + unit_width
        else:
            if current:
                lines.append(" ".join(current))
            current, current_width = list(unit), unit_width
    if current:
        lines.append(" ".join(current))
    return lines


def _ellipsize(lines: list[str], max_lines: int, width: float, bold: bool, size: int) -> list[str]:
    """The first `max_lines` lines, the last ending with "…" after the last
    whole word that fits (trailing punctuation and lone dashes dropped); if
    no word of the last line leaves room for it, it goes on the line before."""
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    while kept:
        words = kept[-1].split(" ")
        while words:
            last = words[-1].rstrip(_TRAILING_PUNCTUATION)
            candidate = " ".join(words[:-1] + [last + ELLIPSIS])
            if last and _width(candidate, bold, size) <= width:
                kept[-1] = candidate
                return kept
            words.pop()
        kept.pop()
    return [ELLIPSIS]


def _fit_line(text: str, width: float, bold: bool, size: int, tracking: int = 0) -> str:
    """One line of `text`: all of it, or the leading whole words and "…".
    Only a first word wider than the line is cut, with "…" (details, site
    name and label are one line each; the title never comes here)."""
    if _width(text, bold, size, tracking) <= width:
        return text
    room = width - _width(ELLIPSIS, bold, size, tracking)
    kept, used = [], 0
    for word in text.split(" "):
        added = _width(" " + word if kept else word, bold, size, tracking)
        if used + added > room:
            break
        kept.append(word)
        used += added
    line = " ".join(kept).rstrip(_TRAILING_PUNCTUATION + " \u00a0")
    if not line:  # the first word alone is too wide
        used = 0
        for char in text:
            added = _advance(bold, size, char) + tracking
            if used + added > room:
                break
            line += char
            used += added
        line = line.rstrip()
    return line + ELLIPSIS


@dataclass(frozen=True)
class TitleFit:
    size: int  # font size in pixels
    lines: tuple[str, ...]
    step: int  # baseline to baseline
    ascent: int  # first baseline below the top

    @property
    def height(self) -> int:
        return (len(self.lines) - 1) * self.step + self.size if self.lines else 0


def _title_metrics(size: int) -> tuple[int, int]:
    return round(size * TITLE_LEADING), round(size * TITLE_ASCENT)


def _max_lines(size: int, height: float, most: int = TITLE_MAX_LINES) -> int:
    step, _ = _title_metrics(size)
    return max(1, min(most, 1 + int((height - size) // step)))


def _title_fit(size: int, lines: list[str]) -> TitleFit:
    step, ascent = _title_metrics(size)
    return TitleFit(size, tuple(lines), step, ascent)


def fit_title(title: str, width: float, height: float, sizes: tuple[int, ...] = TITLE_SIZES,
              most: int = TITLE_MAX_LINES) -> TitleFit:
    """The largest title size (72 px down to 44 px) at which the whole title
    fits `width` in at most four lines (fewer if `height` is short). If it
    fits at no size, 44 px with whole words and "…". A word wider than the
    line at 44 px makes the title smaller still (down to 24 px), and only a
    word too long even then is broken, with hyphens. `title` is clean text.
    (`sizes` and `most`: another layout's sizes and most lines, post images'.)"""
    if not _words(title):
        return _title_fit(sizes[0], [])
    for size in sizes:
        lines = wrap_words(title, width, size)
        if lines is not None and len(lines) <= _max_lines(size, height, most):
            return _title_fit(size, lines)
    smallest = sizes[-1]
    lines = wrap_words(title, width, smallest)
    if lines is not None:
        return _title_fit(smallest, _ellipsize(lines, _max_lines(smallest, height, most), width, True, smallest))
    for size in LONG_WORD_SIZES:  # the largest size at which every word fits
        lines = wrap_words(title, width, size)
        if lines is not None:
            return _title_fit(size, _ellipsize(lines, _max_lines(size, height, most), width, True, size))
    size = LONG_WORD_SIZES[-1]
    max_lines = _max_lines(size, height, most)
    pieces: list[str] = []
    for word in _words(title):
        pieces.extend(_break_word(word, width, True, size) if _width(word, True, size) > width else [word])
        if len(pieces) > max_lines * 64:  # far more than fits: stop early on hostile input
            break
    lines = wrap_words(" ".join(pieces), width, size) or []
    return _title_fit(size, _ellipsize(lines, max_lines, width, True, size))


# --- Drawing ---------------------------------------------------------------


@lru_cache(maxsize=64)
def _palette(accent: tuple[int, int, int], background: tuple[int, int, int] = BACKGROUND) -> tuple[int, ...]:
    palette = []
    for end in (WHITE, accent):
        for i in range(128):
            palette.extend(round(b + (e - b) * i / 127) for b, e in zip(background, end))
    return tuple(palette)


def _check_accent(accent) -> tuple[int, int, int]:
    try:
        red, green, blue = (int(value) for value in accent)
    except (TypeError, ValueError):
        raise ValueError(f"accent must be an (r, g, b) tuple, not {accent!r}") from None
    if not all(0 <= value <= 255 for value in (red, green, blue)):
        raise ValueError(f"accent values must be 0-255, not {accent!r}")
    return red, green, blue


def _draw_layout(text: CardText, text_width: int) -> Image.Image:
    """The card as palette indices, in an "L" image."""
    image = Image.new("L", SIZE, _BG)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - BAND_HEIGHT, WIDTH - 1, HEIGHT - 1), fill=_ACCENT)

    site = clean_text(text.site_name, SITE_LIMIT)
    if site:
        _draw_text(image, MARGIN_X, SITE_BASELINE, _fit_line(site, text_width, False, SITE_SIZE), False, SITE_SIZE, _SITE)
    bottom = SITE_BASELINE - round(SITE_SIZE * TITLE_ASCENT) - SITE_GAP

    top = MARGIN_TOP
    label = clean_text(text.label, LABEL_LIMIT).upper()
    if label:
        label = _fit_line(label, text_width - 2 * LABEL_PADDING, True, LABEL_SIZE, LABEL_TRACKING)
        label_width = _width(label, True, LABEL_SIZE, LABEL_TRACKING) - LABEL_TRACKING + 2 * LABEL_PADDING
        draw.rectangle((MARGIN_X, top, MARGIN_X + label_width - 1, top + LABEL_HEIGHT - 1), fill=_ACCENT)
        baseline = top + (LABEL_HEIGHT + round(LABEL_SIZE * 0.72)) // 2
        _draw_text(image, MARGIN_X + LABEL_PADDING, baseline, label, True, LABEL_SIZE, _ACCENT_BG, LABEL_TRACKING)
        top += LABEL_HEIGHT + LABEL_GAP

    lines = (text.lines,) if isinstance(text.lines, str) else tuple(text.lines or ())
    details = [line for line in (clean_text(line, LINE_LIMIT) for line in lines[:8]) if line]
    details = [_fit_line(line, text_width, False, DETAIL_SIZE) for line in details[:DETAIL_MAX_LINES]]
    details_height = (len(details) - 1) * DETAIL_STEP + DETAIL_SIZE + TITLE_GAP if details else 0

    title = fit_title(clean_text(text.title, TITLE_LIMIT), text_width, bottom - top - details_height)
    baseline = top + title.ascent
    for line in title.lines:
        _draw_text(image, MARGIN_X, baseline, line, True, title.size, _TITLE)
        baseline += title.step
    if title.lines:
        top += title.height + TITLE_GAP

    baseline = top + round(DETAIL_SIZE * TITLE_ASCENT)
    for line in details:
        _draw_text(image, MARGIN_X, baseline, line, False, DETAIL_SIZE, _DETAIL)
        baseline += DETAIL_STEP
    return image


@lru_cache(maxsize=1)
def _rounded_mask() -> Image.Image:
    """An anti-aliased rounded square, drawn at 4x and reduced."""
    scale = 4
    big = Image.new("L", (PICTURE_SIZE * scale, PICTURE_SIZE * scale), 0)
    ImageDraw.Draw(big).rounded_rectangle((0, 0, big.width - 1, big.height - 1), PICTURE_RADIUS * scale, fill=255)
    return big.resize((PICTURE_SIZE, PICTURE_SIZE), Image.Resampling.BOX)


def _open_picture(data: bytes, size: tuple[int, int] = (PICTURE_SIZE, PICTURE_SIZE)) -> Image.Image | None:
    """The picture as an RGB tile of `size` (the card's 420x420 square), or None
    if it cannot be read. Photos are cropped to fill the tile; pictures with
    transparency (logos) are fitted whole on a white tile."""
    width, height = size
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                picture.draft("RGB", size)  # JPEG: decode at a reduced scale
                picture = ImageOps.exif_transpose(picture)
                transparent = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
                if transparent:
                    picture = picture.convert("RGBA")
                    picture.thumbnail((width - 2 * 48, height - 2 * 48), Image.Resampling.LANCZOS)
                    tile = Image.new("RGB", size, WHITE)
                    tile.paste(picture, ((width - picture.width) // 2, (height - picture.height) // 2), picture)
                    return tile
                return ImageOps.fit(picture.convert("RGB"), size, Image.Resampling.BICUBIC)
    except Exception:  # noqa: BLE001 - any damaged or unexpected file: the card is drawn without it
        return None


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def _rgb_png(image: Image.Image) -> bytes:
    """An RGB image as PNG, every row with the Sub filter, computed by Pillow
    in one pass (each byte minus the one three to its left, modulo 256), and
    zlib's run-length strategy: half the time of Pillow's encoder, which
    tries four filters on every row, for files a few per cent larger."""
    left = ImageChops.offset(image, 1, 0)
    left.paste((0, 0, 0), (0, 0, 1, image.height))
    raw = ImageChops.subtract_modulo(image, left).tobytes()
    stride = image.width * 3
    rows = b"".join([b"\x01" + raw[start:start + stride] for start in range(0, len(raw), stride)])
    # rows of one colour (a post image's lower part) are runs of one filtered row
    data = _deflate_rows(rows, stride + 1, image.height)
    header = struct.pack(">IIBBBBB", image.width, image.height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")


_RUN = 8  # identical rows that are compressed once and for all cards


@lru_cache(maxsize=256)
def _rows_compressed(row: bytes, count: int) -> tuple[bytes, int]:
    """A run of identical rows, compressed, and its Adler-32."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
    data = row * count
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH), zlib.adler32(data)


_ADLER_BASE = 65521


def _adler32_combine(adler1: int, adler2: int, length2: int) -> int:
    """The Adler-32 of two pieces joined, from theirs (zlib's adler32_combine):
    a run of rows is summed once per process, not once per image."""
    remainder = length2 % _ADLER_BASE
    sum1 = adler1 & 0xFFFF
    sum2 = (remainder * sum1) % _ADLER_BASE
    sum1 = (sum1 + (adler2 & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    sum2 = (sum2 + (adler1 >> 16) + (adler2 >> 16) + _ADLER_BASE - remainder) % _ADLER_BASE
    return sum1 | (sum2 << 16)


def _palette_png(image: Image.Image) -> bytes:
    """A palette image as PNG. A card is mostly rows of one colour, the same on
    every card: runs of identical rows are compressed (and summed) once per
    process, the rest for each card, each part ending on a byte boundary (a sync
    flush), so that the parts join into one deflate stream (as pigz joins its
    blocks). Compressing took most of the time of a card; this is half of
    Pillow's writer's. The rows get their filter byte (0, none) as a first column
    of the image, so that they are one buffer, never copied row by row."""
    width, height = image.width + 1, image.height
    framed = Image.new(image.mode, (width, height), 0)
    framed.paste(image, (1, 0))
    stream = _deflate_rows(framed.tobytes(), width, height)
    header = struct.pack(">IIBBBBB", image.width, image.height, 8, 3, 0, 0, 0)  # 8-bit palette, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"PLTE", bytes(image.getpalette()[:768]))
            + _png_chunk(b"IDAT", stream) + _png_chunk(b"IEND", b""))


def _deflate_rows(rows: bytes, width: int, height: int) -> bytes:
    """The zlib stream of `height` rows of `width` bytes each (their filter byte
    first): runs of identical rows compressed once per process, the rest here.
    (`rows` is bytes: its slices compare with memcmp, a memoryview's element by
    element.)"""
    parts: list[bytes] = []
    checksum = 1  # the Adler-32 of nothing

    def compress(first: int, end: int) -> None:
        nonlocal checksum
        if first < end:
            data = rows[first * width:end * width]
            compressor = zlib.compressobj(1, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
            parts.append(compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH))
            checksum = zlib.adler32(data, checksum)

    pending = first = 0
    while first < height:
        row = rows[first * width:(first + 1) * width]
        end = first + 1
        while end < height and rows[end * width:(end + 1) * width] == row:
            end += 1
        if end - first >= _RUN:
            compress(pending, first)
            compressed, run_checksum = _rows_compressed(row, end - first)
            parts.append(compressed)
            checksum = _adler32_combine(checksum, run_checksum, (end - first) * width)
            pending = end
        first = end
    compress(pending, height)
    # zlib header (deflate, fastest), the parts, an empty final block, the Adler-32 of all rows
    return b"\x78\x01" + b"".join(parts) + b"\x03\x00" + struct.pack(">I", checksum)


def draw_card(text: CardText, picture: bytes | None = None, accent: tuple[int, int, int] = ACCENT) -> bytes:
    """A 1200x630 PNG. Same input, same bytes: no metadata chunks.

    Without a picture the PNG is a 256-colour palette image; with one
    (`picture`: the bytes of a JPEG, PNG, ... e.g. the event's image or the
    centre's logo) it is RGB, the picture in a rounded tile on the right. A
    picture that cannot be read is left out."""
    accent = _check_accent(accent)
    tile = _open_picture(picture) if picture else None
    image = _draw_layout(text, TEXT_WIDTH if tile is None else TEXT_WIDTH_WITH_PICTURE)
    image.putpalette(_palette(accent))
    if tile is not None:
        image = image.convert("RGB")
        image.paste(tile, (PICTURE_X, PICTURE_Y), _rounded_mask())
        return _rgb_png(image)
    return _palette_png(image)


# --- The second layout: post images ----------------------------------------
#
# A 1080x1350 portrait image (Instagram's 4:5), for the ready post of an event
# or a week (dostyq.posts). The same font, cleaning, wrapping and palette trick
# as the cards, in larger type::
#
#     +--------------------------------+
#     |  the event's picture, 1080x600  |   or, without one, the category's
#     |                                 |   colours with its name in large type
#     +--------------------------------+
#     |  [LABEL]                        |   (the chip only above a picture)
#     |  Title, bold, 88 px down to     |
#     |  48 px, at most five lines      |
#     |                                 |
#     |  сенбі, 2026 ж. 5 желтоқсан     |   details: 44 px, each wrapped to
#     |  11:00–12:30                    |   two lines at most
#     |  Достық үйі, Өскемен            |
#     |                                 |
#     |  Достық үйлері                  |
#     +================================+   accent band

POST_SIZE = (1080, 1350)
POST_WIDTH, POST_HEIGHT = POST_SIZE
POST_MARGIN_X = 72
POST_PICTURE_HEIGHT = 600
POST_BLOCK_HEIGHT = 360  # the category's block, when there is no picture
POST_BLOCK_LABEL_SIZES = (96, 84, 72, 60, 48)
POST_TITLE_SIZES = (88, 80, 72, 66, 60, 54, 48)
POST_TITLE_MAX_LINES = 5
POST_DETAIL_SIZE = 44
POST_DETAIL_STEP = 58
POST_DETAIL_WRAP = 2  # lines per detail
POST_DETAIL_MAX_LINES = 10
POST_SITE_SIZE = 34
POST_BAND_HEIGHT = 20
POST_SITE_BASELINE = POST_HEIGHT - POST_BAND_HEIGHT - 52
POST_TEXT_WIDTH = POST_WIDTH - 2 * POST_MARGIN_X


def _wrapped_detail(line: str, width: int) -> list[str]:
    """A detail line wrapped at its spaces, at most POST_DETAIL_WRAP lines, the
    last with "…" when more was left."""
    lines = wrap_words(line, width, POST_DETAIL_SIZE, bold=False)
    if lines is None:  # a word wider than the line
        return [_fit_line(line, width, False, POST_DETAIL_SIZE)]
    return _ellipsize(lines, POST_DETAIL_WRAP, width, False, POST_DETAIL_SIZE)


def _draw_post_layout(text: CardText, with_picture: bool) -> Image.Image:
    """The post image as palette indices, in an "L" image (the picture is pasted later)."""
    image = Image.new("L", POST_SIZE, _BG)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, POST_HEIGHT - POST_BAND_HEIGHT, POST_WIDTH - 1, POST_HEIGHT - 1), fill=_ACCENT)
    width = POST_TEXT_WIDTH

    site = clean_text(text.site_name, SITE_LIMIT)
    if site:
        _draw_text(image, POST_MARGIN_X, POST_SITE_BASELINE, _fit_line(site, width, False, POST_SITE_SIZE), False,
                   POST_SITE_SIZE, _SITE)
    bottom = POST_SITE_BASELINE - round(POST_SITE_SIZE * TITLE_ASCENT) - SITE_GAP

    label = clean_text(text.label, LABEL_LIMIT)
    top = 64
    if with_picture:
        top = POST_PICTURE_HEIGHT + 56
        if label:
            label = _fit_line(label.upper(), width - 2 * LABEL_PADDING, True, LABEL_SIZE, LABEL_TRACKING)
            label_width = _width(label, True, LABEL_SIZE, LABEL_TRACKING) - LABEL_TRACKING + 2 * LABEL_PADDING
            draw.rectangle((POST_MARGIN_X, top, POST_MARGIN_X + label_width - 1, top + LABEL_HEIGHT - 1), fill=_ACCENT)
            baseline = top + (LABEL_HEIGHT + round(LABEL_SIZE * 0.72)) // 2
            _draw_text(image, POST_MARGIN_X + LABEL_PADDING, baseline, label, True, LABEL_SIZE, _ACCENT_BG,
                       LABEL_TRACKING)
            top += LABEL_HEIGHT + LABEL_GAP
    elif label:  # the category's block: its colours, its name in large type
        draw.rectangle((0, 0, POST_WIDTH - 1, POST_BLOCK_HEIGHT - 1), fill=_ACCENT)
        fit = fit_title(label, width, POST_BLOCK_HEIGHT - 2 * 64, POST_BLOCK_LABEL_SIZES, 2)
        baseline = POST_BLOCK_HEIGHT - 64 - fit.height + fit.ascent
        for line in fit.lines:
            _draw_text(image, POST_MARGIN_X, baseline, line, True, fit.size, _ACCENT_BG)
            baseline += fit.step
        top = POST_BLOCK_HEIGHT + 64

    lines = (text.lines,) if isinstance(text.lines, str) else tuple(text.lines or ())
    details: list[str] = []
    for line in (clean_text(line, LINE_LIMIT) for line in lines[:POST_DETAIL_MAX_LINES]):
        if line:
            details.extend(_wrapped_detail(line, width))
    title_room = POST_TITLE_SIZES[-1] + TITLE_GAP
    most_details = max(0, (bottom - top - title_room - POST_DETAIL_SIZE) // POST_DETAIL_STEP + 1)
    details = details[:min(POST_DETAIL_MAX_LINES, most_details)]
    details_height = (len(details) - 1) * POST_DETAIL_STEP + POST_DETAIL_SIZE + TITLE_GAP if details else 0

    title = fit_title(clean_text(text.title, TITLE_LIMIT), width, bottom - top - details_height,
                      POST_TITLE_SIZES, POST_TITLE_MAX_LINES)
    baseline = top + title.ascent
    for line in title.lines:
        _draw_text(image, POST_MARGIN_X, baseline, line, True, title.size, _TITLE)
        baseline += title.step
    if title.lines:
        top += title.height + TITLE_GAP

    baseline = top + round(POST_DETAIL_SIZE * TITLE_ASCENT)
    for line in details:
        _draw_text(image, POST_MARGIN_X, baseline, line, False, POST_DETAIL_SIZE, _DETAIL)
        baseline += POST_DETAIL_STEP
    return image


def draw_post(text: CardText, picture: bytes | None = None, accent: tuple[int, int, int] = ACCENT,
              background: tuple[int, int, int] = BACKGROUND) -> bytes:
    """A 1080x1350 PNG for a social-media post; same input, same bytes.

    `picture` (an image's bytes) fills the top; without one (or if it cannot be
    read) the top is the label's block in `accent` (the category's colours:
    `background` and `accent`), and the image is a palette PNG, cheap to write."""
    accent, background = _check_accent(accent), _check_accent(background)
    tile = _open_picture(picture, (POST_WIDTH, POST_PICTURE_HEIGHT)) if picture else None
    image = _draw_post_layout(text, tile is not None)
    image.putpalette(_palette(accent, background))
    if tile is not None:
        image = image.convert("RGB")
        image.paste(tile, (0, 0))
        return _rgb_png(image)
    return _palette_png(image)
