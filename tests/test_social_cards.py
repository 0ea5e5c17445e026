"""Social card images (dostyq/social_cards.py) and the bundled Noto Sans subset."""
from __future__ import annotations

import hashlib
import io
import itertools
import struct
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from dostyq import social_cards as sc
from dostyq.social_cards import SIZE, CardText, clean_text, draw_card, fit_title, has_real_glyph, wrap_words

ROOT = Path(__file__).resolve().parent.parent
KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
LONG_KK = ("Ұлыстың ұлы күні — Наурыз мейрамы: Шығыс Қазақстан облысы этномәдени "
           "бірлестіктерінің мерекелік концерті")
LONG_WORD = "Шығысқазақстанэтномәдениорталықтарының"  # 38 letters
WHITE = (255, 255, 255)
KK = CardText(LONG_KK, ("21 наурыз 2026, 10:00", "Достық үйі, Өскемен"), "Достық үйлері", "Мереке", "kk")
RU = CardText("Наурыз — праздник весеннего равноденствия", ("21 марта 2026, 10:00", "Дом дружбы, Усть-Каменогорск"),
              "Дома дружбы", "Праздник", "ru")
MAGENTA = (200, 30, 160)


def decode(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def chunks(png: bytes) -> list[bytes]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    kinds, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kinds.append(png[at + 4:at + 8])
        at += 12 + length
    return kinds


def jpeg(size=(900, 600), colour=MAGENTA) -> bytes:
    picture = Image.new("RGB", size, colour)
    ImageDraw.Draw(picture).rectangle((0, 0, 40, size[1]), fill=(255, 255, 0))  # a stripe that fit() crops away
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    return out.getvalue()


def close(pixel, colour, tolerance=16) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def count(image: Image.Image, box, predicate) -> int:
    region = image.convert("RGB").crop(box)
    return sum(1 for pixel in region.get_flattened_data() if predicate(pixel))


def bold(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(sc.FONT_FILES[True]), size, layout_engine=ImageFont.Layout.BASIC)


def assert_whole_words(lines, text: str) -> None:
    """Every line is whole words of `text`; together, all of `text` or its
    leading words and "…" (the last kept word may lose trailing punctuation)."""
    words = text.split()
    out = " ".join(lines).split()
    assert out, lines
    if out[-1].endswith("…"):
        out[-1] = out[-1][:-1]
        assert out[:-1] == words[:len(out) - 1], lines
        assert len(out) < len(words) or out[-1] != words[len(out) - 1], "an ellipsis with nothing left out"
        last = words[len(out) - 1]
        assert last.startswith(out[-1]) and all(unicodedata.category(c)[0] == "P" for c in last[len(out[-1]):]), lines
    else:
        assert out == words, lines


# --- The font --------------------------------------------------------------


def test_font_files_and_licence():
    for path in sc.FONT_FILES.values():
        assert path.is_file() and path.stat().st_size < 200_000  # a subset, not the 500 KB original
    licence = (sc.FONT_DIR / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Google" in licence and "DISCLAIMER" in licence


def _signature(font: ImageFont.FreeTypeFont, char: str):
    left, top, right, bottom = font.getbbox(char)
    image = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
    ImageDraw.Draw(image).text((-left, -top), char, font=font, fill=255)
    return (left, top, right, bottom), image.tobytes()


@pytest.mark.parametrize("weight", [True, False], ids=["bold", "regular"])
def test_kazakh_letters_are_real_glyphs_not_the_missing_glyph_box(weight):
    font = ImageFont.truetype(str(sc.FONT_FILES[weight]), 48)
    box = _signature(font, "\uffff")  # a noncharacter: no font maps it, so this is .notdef
    assert box[1].count(0) < len(box[1])  # the box has ink: the comparison means something
    for char in KAZAKH + "₸":
        assert _signature(font, char) != box, f"{char} (U+{ord(char):04X}) is drawn as the missing-glyph box"
        assert has_real_glyph(char, weight), char
    # The check can fail: a character the font lacks is exactly the box.
    for char in ("中", "😀", "ა"):
        assert _signature(font, char) == box, char
        assert not has_real_glyph(char, weight), char


def test_has_real_glyph_sees_other_needed_characters():
    assert all(has_real_glyph(char) for char in "АБВЁЙЪЯабвёйъя№₽«»—–…·× 0123456789")
    with pytest.raises(ValueError):
        has_real_glyph("ab")


@pytest.mark.parametrize("weight,size", [(True, 72), (True, 52), (True, 22), (False, 32), (False, 28)])
def test_pasted_glyphs_match_draw_text(weight, size):
    font = ImageFont.truetype(str(sc.FONT_FILES[weight]), size, layout_engine=ImageFont.Layout.BASIC)
    for text in (LONG_KK[:40], "Шығыс Қазақстан «Достық» №5 — 1 000 ₸", "fj Wavy AVATAR ffi Tj y,", "á̈ Ё́лка"):
        expected = Image.new("L", (1400, 2 * size), 0)
        ImageDraw.Draw(expected).text((10, size + size // 2), text, font=font, fill=117, anchor="ls")
        drawn = Image.new("L", (1400, 2 * size), 0)
        sc._draw_text(drawn, 10, size + size // 2, text, weight, size, 117)
        assert sc._width(text, weight, size) == font.getlength(text), text
        assert drawn.getbbox() == expected.getbbox(), text
        if "\u0301" in text:  # marks over letters: where glyphs overlap, blending may differ by one level
            difference = ImageChops.difference(drawn, expected)
            assert difference.getextrema()[1] <= 1, text
            assert sum(1 for value in difference.get_flattened_data() if value) <= 4, text
        else:
            assert drawn.tobytes() == expected.tobytes(), text


# --- Wrapping and fitting -----------------------------------------------------


@pytest.mark.parametrize("width", [sc.TEXT_WIDTH, sc.TEXT_WIDTH_WITH_PICTURE])
def test_long_kazakh_title_wraps_into_whole_words(width):
    fit = fit_title(LONG_KK, width, 300)
    assert 2 <= len(fit.lines) <= 4
    assert fit.size in sc.TITLE_SIZES
    font = bold(fit.size)
    assert all(font.getlength(line) <= width for line in fit.lines)
    assert_whole_words(fit.lines, LONG_KK)
    assert not any(line.endswith("-") for line in fit.lines)


def test_wrap_words_at_many_widths():
    for width in range(620, 1400, 37):
        lines = wrap_words(LONG_KK, width, 60)
        font = bold(60)
        assert lines and all(font.getlength(line) <= width for line in lines)
        assert " ".join(lines) == LONG_KK
        # greedy: the next line's first word (with a short word before or a dash after it) would not have fitted
        for line, following in itertools.pairwise(lines):
            words = following.split(" ")
            unit = 1
            while unit < len(words) and (len(words[unit - 1]) <= 2 or words[unit] in "—–-"):
                unit += 1
            assert font.getlength(line + " " + " ".join(words[:unit])) > width, (line, following)
    assert wrap_words(LONG_WORD, 300, 60) is None  # a word is never cut


def test_short_words_stay_with_the_next_word():
    lines = wrap_words("Наурыз — праздник весеннего равноденствия в Доме дружбы", 580, 60)
    assert not any(line.endswith((" в", " и")) or line.startswith("—") for line in lines), lines


def test_title_that_does_not_fit_ends_with_ellipsis_after_whole_words():
    title = " ".join([LONG_KK] * 4)
    fit = fit_title(title, sc.TEXT_WIDTH_WITH_PICTURE, 300)
    assert fit.size == sc.TITLE_SIZES[-1] and len(fit.lines) <= 4
    assert fit.lines[-1].endswith("…")
    assert_whole_words(fit.lines, title)
    assert all(bold(fit.size).getlength(line) <= sc.TEXT_WIDTH_WITH_PICTURE for line in fit.lines)


def test_short_height_means_fewer_lines():
    fit = fit_title(LONG_KK, sc.TEXT_WIDTH, 120)
    assert len(fit.lines) <= 2 and fit.height <= 120
    assert_whole_words(fit.lines, LONG_KK)


def test_very_long_word_is_shrunk_not_cut():
    title = LONG_WORD + " жиналысы"
    fit = fit_title(title, sc.TEXT_WIDTH, 300)
    assert fit.size < sc.TITLE_SIZES[-1]  # smaller than the normal range, because of the word
    assert LONG_WORD in fit.lines
    assert_whole_words(fit.lines, title)
    assert all(bold(fit.size).getlength(line) <= sc.TEXT_WIDTH for line in fit.lines)
    png = draw_card(CardText(title, (), "Достық үйлері"))
    assert decode(png).size == SIZE


def test_word_too_long_even_at_the_smallest_size_is_hyphenated():
    word = "ә" * 300
    fit = fit_title(word, sc.TEXT_WIDTH_WITH_PICTURE, 300)
    assert fit.size == sc.LONG_WORD_SIZES[-1] and 2 <= len(fit.lines) <= 4
    assert all(line.endswith("-") for line in fit.lines[:-1]) and fit.lines[-1].endswith("…")
    assert word.startswith("".join(line.rstrip("-…") for line in fit.lines))
    assert all(bold(fit.size).getlength(line) <= sc.TEXT_WIDTH_WITH_PICTURE for line in fit.lines)


def test_empty_title():
    assert fit_title("", sc.TEXT_WIDTH, 300).lines == ()


# --- Cleaning ------------------------------------------------------------------


def test_clean_text():
    assert clean_text("  Наурыз\x00\x07\u202e  тойы\n\tҰлыс  \u200b") == "Наурыз тойы Ұлыс"
    assert clean_text("Той 🎉🎉\ufe0f!") == "Той !"
    assert clean_text("𝐁𝐨𝐥𝐝 ﬁne Ａ") == "Bold fine A"  # compatibility forms the font lacks
    assert clean_text("ә" * 10_000) == "ә" * sc.TITLE_LIMIT
    assert clean_text("21\u00a0наурыз") == "21\u00a0наурыз"
    assert clean_text("Е\u0301") == "Е\u0301" and clean_text("и\u0306") == "й"
    assert clean_text("中文") == "中文"  # letters the font lacks stay, as boxes
    for hostile in ("\ud800x", "\U000e0001\U000e0041", "\ue000", "\u0378"):
        assert clean_text(hostile) in ("x", "")


# --- Cards ---------------------------------------------------------------------


def test_size_and_format():
    png = draw_card(KK)
    image = decode(png)
    assert image.format == "PNG" and image.size == SIZE == (1200, 630) and image.mode == "P"
    picture = decode(draw_card(RU, jpeg()))
    assert picture.format == "PNG" and picture.size == SIZE and picture.mode == "RGB"


def test_deterministic_and_without_metadata():
    for args in ((KK,), (RU, jpeg())):
        first, second = draw_card(*args), draw_card(*args)
        assert first == second
        kinds = chunks(first)
        assert set(kinds) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}, kinds
    code = ("import hashlib, sys\n"
            "from dostyq.social_cards import CardText, draw_card\n"
            "card = CardText(sys.argv[1], (sys.argv[3],), sys.argv[2])\n"
            "sys.stdout.write(hashlib.sha256(draw_card(card)).hexdigest())\n")
    fresh = subprocess.run([sys.executable, "-c", code, LONG_KK, "Достық үйлері", "21 наурыз 2026"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout  # a new process: cold caches
    assert fresh == hashlib.sha256(draw_card(CardText(LONG_KK, ("21 наурыз 2026",), "Достық үйлері"))).hexdigest()


def test_title_is_drawn():
    title_area = (sc.MARGIN_X, sc.MARGIN_TOP, SIZE[0] - sc.MARGIN_X, 520)
    drawn = decode(draw_card(KK))
    white = count(drawn, title_area, lambda p: p == WHITE)
    assert white > 5000
    # The title is the only pure white: none without it, though everything else is drawn.
    empty = decode(draw_card(CardText("", KK.lines, KK.site_name, KK.label)))
    assert count(empty, (0, 0) + SIZE, lambda p: p == WHITE) == 0
    assert count(empty, title_area, lambda p: p != sc.BACKGROUND) > 1000  # the label and the lines
    # Different titles, different cards.
    assert draw_card(KK) != draw_card(CardText(LONG_KK.replace("Наурыз", "Наурыс"), KK.lines, KK.site_name, KK.label))


def test_layout_colours_and_margins():
    image = decode(draw_card(KK, accent=(200, 60, 40))).convert("RGB")
    assert image.getpixel((5, 5)) == sc.BACKGROUND
    assert image.getpixel((600, SIZE[1] - 4)) == (200, 60, 40)  # the accent band
    # nothing but background in the side margins (above the band)
    band_top = SIZE[1] - sc.BAND_HEIGHT
    assert count(image, (0, 0, 60, band_top), lambda p: p != sc.BACKGROUND) == 0
    assert count(image, (SIZE[0] - 60, 0, SIZE[0], band_top), lambda p: p != sc.BACKGROUND) == 0
    with pytest.raises(ValueError):
        draw_card(KK, accent=(300, 0, 0))


def test_picture_occupies_the_right_side():
    plain = decode(draw_card(RU)).convert("RGB")
    image = decode(draw_card(RU, jpeg()))
    inset = 20
    tile = (sc.PICTURE_X + inset, sc.PICTURE_Y + inset,
            sc.PICTURE_X + sc.PICTURE_SIZE - inset, sc.PICTURE_Y + sc.PICTURE_SIZE - inset)
    area = (tile[2] - tile[0]) * (tile[3] - tile[1])
    assert count(image, tile, lambda p: close(p, MAGENTA)) > 0.98 * area
    assert count(plain, tile, lambda p: close(p, MAGENTA)) == 0
    assert count(image, (0, 0, sc.PICTURE_X - 20, SIZE[1]), lambda p: close(p, MAGENTA, 60)) == 0
    assert image.getpixel((sc.PICTURE_X + 1, sc.PICTURE_Y + 1)) == sc.BACKGROUND  # rounded corner
    # The text column narrows: the title stays left of the picture.
    assert count(image, (sc.PICTURE_X - sc.PICTURE_GAP + 4, 0, sc.PICTURE_X, SIZE[1]), lambda p: p == WHITE) == 0


def test_transparent_logo_sits_on_a_white_tile():
    logo = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((50, 50, 250, 250), fill=(0, 120, 60, 255))
    out = io.BytesIO()
    logo.save(out, "PNG")
    image = decode(draw_card(RU, out.getvalue()))
    centre = (sc.PICTURE_X + sc.PICTURE_SIZE // 2, sc.PICTURE_Y + sc.PICTURE_SIZE // 2)
    assert close(image.getpixel(centre), (0, 120, 60), 4)
    assert image.getpixel((sc.PICTURE_X + 40, sc.PICTURE_Y + 40)) == WHITE


@pytest.mark.parametrize("picture", [b"", b"not an image", jpeg()[:200]], ids=["empty", "garbage", "truncated"])
def test_unreadable_picture_is_left_out(picture):
    assert draw_card(RU, picture) == draw_card(RU)


HOSTILE = [
    "\x00\x01\x02\x1b[31m\x7f\u0085\u2028Наурыз\r\n\t\x0b",
    "ә" * 10_000,
    "Той " * 2_500,
    "😀🎉👨‍👩‍👧‍👦🇰🇿" * 1_000,
    "שלום עולם مرحبا بالعالم \u202eНаурыз\u202c" * 300,
    "a\u0301\u0302\u0303\u0304" * 2_500,
    "\ud800\udfff\ufeff\u200d" * 2_500,
    "".join(chr(c) for c in range(0x4E00, 0x4E00 + 10_000)),
    "a b " * 5_000,
    "",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_drawn_quickly(text):
    start = time.perf_counter()
    card = CardText(text, (text, text, text, text), text, text, text)
    for picture in (None, jpeg((64, 64))):
        image = decode(draw_card(card, picture))
        assert image.size == SIZE
    assert time.perf_counter() - start < 2.0


def test_kazakh_card_has_no_missing_glyph_boxes():
    """Every character of a Kazakh card is drawn with its own glyph."""
    for field in (KK.title, KK.site_name, KK.label.upper(), *KK.lines):
        assert all(has_real_glyph(char, weight) for char in field for weight in (True, False)), field


def test_speed_without_picture():
    cards = [CardText(f"{LONG_KK} {i}", KK.lines, KK.site_name, KK.label) for i in range(60)]
    draw_card(cards[0])
    start = time.perf_counter()
    for card in cards:
        draw_card(card)
    per_card = (time.perf_counter() - start) / len(cards)
    assert per_card < 0.010, f"{per_card * 1000:.1f} ms per card"


def test_speed_with_picture():
    picture = jpeg((2400, 1600))  # a camera-sized photo: decoded at a reduced scale
    draw_card(RU, picture)
    start = time.perf_counter()
    for _ in range(5):
        draw_card(RU, picture)
    per_card = (time.perf_counter() - start) / 5
    assert per_card < 0.060, f"{per_card * 1000:.1f} ms per card"


def test_the_palette_png_is_one_valid_stream_with_the_drawn_pixels():
    """The card's rows are compressed in parts joined into one deflate stream:
    zlib (which checks the Adler-32) and Pillow must both read back every pixel."""
    import struct
    import zlib

    from dostyq import social_cards as sc

    for title in ("Наурыз", "Ұлыстың ұлы күні — Наурыз мейрамы: Шығыс Қазақстан облысы этномәдени бірлестіктерінің "
                  "мерекелік концерті"):
        text = sc.CardText(title=title, lines=("2026 ж. 21 наурыз",), site_name="Достық үйлері", label="Мереке")
        drawn = sc._draw_layout(text, sc.TEXT_WIDTH)
        drawn.putpalette(sc._palette(sc.ACCENT))
        png = sc.draw_card(text)
        chunks, at = {}, 8
        while at < len(png):
            (length,) = struct.unpack(">I", png[at:at + 4])
            chunks[png[at + 4:at + 8]] = png[at + 8:at + 8 + length]
            at += 12 + length
        rows = zlib.decompress(chunks[b"IDAT"])
        assert len(rows) == 630 * 1201
        assert b"".join(rows[i * 1201 + 1:(i + 1) * 1201] for i in range(630)) == drawn.tobytes()
        with Image.open(io.BytesIO(png)) as card:
            assert card.convert("RGB").tobytes() == drawn.convert("RGB").tobytes()
