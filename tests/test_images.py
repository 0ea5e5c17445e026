"""The image pipeline (dostyq.images): renditions' sizes and formats, orientation,
metadata removal, colour profiles, determinism, the cache and hostile files.
Every test image is drawn here with Pillow; there are no binary fixtures."""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageOps, ImageStat
from PIL.PngImagePlugin import PngInfo

from dostyq import images
from dostyq.images import ImageError, Rendition, Responsive, process

RED, GREEN, BLUE, WHITE = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)


# -- helpers --------------------------------------------------------------------

def encoded(picture: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format, **options)
    return buffer.getvalue()


def decoded(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def photo(width: int, height: int) -> Image.Image:
    """Something like a photo: smooth gradients with a few sharp shapes."""
    gradient = Image.linear_gradient("L").resize((width, height))
    radial = Image.radial_gradient("L").resize((width, height))
    picture = Image.merge("RGB", (gradient, radial, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    draw = ImageDraw.Draw(picture)
    for i in range(6):
        x, y = width * i // 7, height * (i % 3) // 4
        draw.ellipse((x, y, x + width // 8, y + height // 5), fill=(40 * i, 255 - 40 * i, 128))
    return picture


def quadrants(width: int, height: int) -> Image.Image:
    """Red, green / blue, white: every one of the 8 orientations looks different."""
    picture = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, width // 2 - 1, height // 2 - 1), fill=RED)
    draw.rectangle((width // 2, 0, width - 1, height // 2 - 1), fill=GREEN)
    draw.rectangle((0, height // 2, width // 2 - 1, height - 1), fill=BLUE)
    return picture


def quadrant_colours(picture: Image.Image) -> list[tuple[int, ...]]:
    w, h = picture.size
    return [picture.convert("RGB").getpixel((x, y)) for x, y in ((w // 4, h // 4), (3 * w // 4, h // 4),
                                                                 (w // 4, 3 * h // 4), (3 * w // 4, 3 * h // 4))]


def close(colour, expected, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected))


def all_renditions(result: Responsive) -> tuple[Rendition, ...]:
    return result.webp + result.fallback


def icc_profile(red_xyz, green_xyz, blue_xyz) -> bytes:
    """A minimal ICC v2 RGB display profile: the given D50 colourants and linear curves."""
    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(values) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(s15(v) for v in values)

    curve = b"curv\0\0\0\0" + struct.pack(">I", 0)  # no entries: the identity
    tags = [(b"wtpt", xyz((0.9642, 1.0, 0.8249))), (b"rXYZ", xyz(red_xyz)), (b"gXYZ", xyz(green_xyz)),
            (b"bXYZ", xyz(blue_xyz)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body + b"\0" * (-len(body) % 4)
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0\0\0\0" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + b"\0" * 12 + b"acsp" + b"\0" * 24 + b"\0\0\0\0" + s15(0.9642) + s15(1.0) + s15(0.8249))
    header += b"\0" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + data


SRGB_RED_D50, SRGB_GREEN_D50, SRGB_BLUE_D50 = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


# -- sizes and formats ----------------------------------------------------------

def test_every_rendition_has_its_size_format_and_mode():
    result, files = process(encoded(photo(2000, 1500), "JPEG", quality=90), "nauryz", None)
    assert [r.name for r in result.webp] == ["nauryz-480.webp", "nauryz-960.webp", "nauryz-1600.webp"]
    assert [r.name for r in result.fallback] == ["nauryz-480.jpg", "nauryz-960.jpg", "nauryz-1600.jpg"]
    assert set(files) == {r.name for r in all_renditions(result)}
    assert (result.width, result.height) == (1600, 1200)
    for rendition in all_renditions(result):
        picture = decoded(files[rendition.name])
        assert picture.size == (rendition.width, rendition.height)
        assert rendition.height == rendition.width * 3 // 4
        assert (picture.format, rendition.mime) == (("WEBP", "image/webp") if rendition.name.endswith(".webp")
                                                    else ("JPEG", "image/jpeg"))
        assert picture.mode == "RGB"
    jpeg = decoded(files["nauryz-1600.jpg"])
    assert jpeg.info.get("progressive") == 1  # progressive JPEG
    assert all(b"VP8L" not in files[r.name] and getattr(decoded(files[r.name]), "n_frames", 1) == 1
               for r in result.webp)  # lossy, one frame


def test_encoder_settings():
    source = photo(1000, 600)
    _, files = process(encoded(source, "PNG"), "q", None)
    reference = decoded(encoded(source.resize((480, 288), Image.Resampling.LANCZOS), "JPEG", quality=82))
    assert decoded(files["q-480.jpg"]).quantization == reference.quantization  # JPEG quality 82
    assert len(files["q-1000.webp"]) < len(files["q-1000.jpg"])


def test_an_animation_gives_its_first_frame():
    frames = [Image.new("RGB", (500, 300), colour) for colour in (RED, BLUE, GREEN)]
    for format in ("GIF", "WEBP"):
        source = encoded(frames[0], format, save_all=True, append_images=frames[1:], duration=100, loop=0)
        assert Image.open(io.BytesIO(source)).n_frames == 3
        result, files = process(source, "a", None)
        for rendition in all_renditions(result):
            out = decoded(files[rendition.name])
            assert getattr(out, "n_frames", 1) == 1, (format, rendition.name)
            assert close(out.getpixel((250, 150)), RED, 20), (format, rendition.name)


def test_renditions_look_like_the_source():
    source = photo(3300, 2475)  # decoded by libjpeg at 1/2 scale (1650 x 1238), then resized
    result, files = process(encoded(source, "JPEG", quality=95), "p", None)
    for rendition in all_renditions(result):
        expected = source.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
        difference = ImageStat.Stat(ImageChops.difference(decoded(files[rendition.name]).convert("RGB"), expected))
        assert max(difference.mean) < 4, rendition.name  # no shift, stretch or colour change


@pytest.mark.parametrize(("source_width", "expected"), [
    (300, [300]),  # a small logo: itself only
    (480, [480]),
    (481, [480, 481]),
    (960, [480, 960]),
    (1000, [480, 960, 1000]),
    (1600, [480, 960, 1600]),
    (4000, [480, 960, 1600]),
])
def test_widths_are_never_upscaled(source_width, expected):
    result, files = process(encoded(photo(source_width, 200), "PNG"), "logo", None)
    assert [r.width for r in result.webp] == expected
    assert [r.width for r in result.fallback] == expected
    assert result.width == expected[-1]
    assert all(decoded(files[r.name]).size[0] <= source_width for r in all_renditions(result))


def test_custom_widths_are_sorted_and_checked():
    result, _ = process(encoded(photo(1000, 500), "PNG"), "x", None, widths=(800, 200))
    assert [(r.width, r.height) for r in result.webp] == [(200, 100), (800, 400)]
    for bad in ((), (0,), (-5, 100), (1.5,), ("480",)):
        with pytest.raises(ValueError):
            process(encoded(photo(100, 50), "PNG"), "x", None, widths=bad)


@pytest.mark.parametrize("size", [(3001, 1999), (1999, 3001), (1601, 3), (700, 2100)])
def test_aspect_ratio_is_kept_and_rounded(size):
    source_width, source_height = size
    result, files = process(encoded(photo(*size), "PNG"), "a", None)
    for rendition in all_renditions(result):
        assert rendition.height == max(1, round(rendition.width * source_height / source_width))
        assert decoded(files[rendition.name]).size == (rendition.width, rendition.height)


def test_stem_names_the_files():
    _, files = process(encoded(photo(500, 300), "PNG"), "kz-2026-logo", None)
    assert set(files) == {"kz-2026-logo-480.webp", "kz-2026-logo-480.jpg",
                          "kz-2026-logo-500.webp", "kz-2026-logo-500.jpg"}
    with pytest.raises(ValueError):
        process(encoded(photo(500, 300), "PNG"), "../evil", None)


# -- orientation and metadata -----------------------------------------------------

def exif_with_gps(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "SECRET-CAMERA"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (43.0, 14.0, 37.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (76.0, 56.0, 42.25)
    gps[ExifTags.GPS.GPSMapDatum] = "SECRET-GPS-DATUM"
    return exif


def with_iptc(jpeg: bytes, text: bytes) -> bytes:
    """An APP13 (Photoshop IRB / IPTC) segment right after the SOI marker."""
    record = b"\x1c\x02\x78" + struct.pack(">H", len(text)) + text  # IPTC caption
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record + b"\0" * (len(record) % 2)
    body = b"Photoshop 3.0\x00" + resource
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(body) + 2) + body + jpeg[2:]


FORBIDDEN_BYTES = (b"Exif", b"SECRET", b"xmpmeta", b"Photoshop", b"8BIM", b"MM\x00*", b"II*\x00")
FORBIDDEN_KEYS = {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "adobe",
                  "Author", "Description", "Comment", "Software"}


def assert_clean(result: Responsive, files: dict[str, bytes]) -> None:
    """Every file is the rendition it claims to be, and carries no metadata."""
    assert set(files) == {r.name for r in all_renditions(result)}
    for rendition in all_renditions(result):
        picture = decoded(files[rendition.name])
        assert picture.size == (rendition.width, rendition.height), rendition.name
        assert Image.MIME[picture.format] == rendition.mime, rendition.name
    for name, data in files.items():
        for forbidden in FORBIDDEN_BYTES:
            assert forbidden not in data, (name, forbidden)
        picture = decoded(data)
        assert not FORBIDDEN_KEYS & set(picture.info), (name, picture.info.keys())
        assert dict(picture.getexif()) == {}, name
        if picture.format == "WEBP":
            assert data[12:16] == b"VP8 " or data[12:16] == b"VP8X" and data[20] & 0b101100 == 0, name  # no ICC/EXIF/XMP
            assert not any(chunk in data for chunk in (b"ICCP", b"EXIF", b"XMP ")), name
        if picture.format == "JPEG":
            assert b"\xff\xe1" not in data[:data.index(b"\xff\xda")], name  # no APP1 (EXIF, XMP) before the scan
            assert b"\xff\xe2" not in data[:data.index(b"\xff\xda")], name  # no APP2 (ICC)
            assert b"\xff\xfe" not in data[:data.index(b"\xff\xda")], name  # no COM
        if picture.format == "PNG":
            assert not any(c in data for c in (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP", b"tIME", b"gAMA")), name


def test_orientation_is_applied_and_exif_gps_xmp_iptc_comment_are_removed():
    raw = quadrants(1200, 800)  # landscape as stored; Orientation 6 shows it turned clockwise
    source = with_iptc(encoded(raw, "JPEG", quality=95, exif=exif_with_gps(6), comment=b"SECRET-COMMENT",
                               xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">SECRET-XMP</x:xmpmeta>'), b"SECRET-IPTC")
    check = Image.open(io.BytesIO(source))  # the source really carries all of it
    assert check.getexif()[ExifTags.Base.Orientation] == 6
    assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSMapDatum] == "SECRET-GPS-DATUM"
    assert {"exif", "xmp", "comment", "photoshop"} <= set(check.info)

    result, files = process(source, "rotated", None)
    assert (result.width, result.height) == (800, 1200)
    assert [(r.width, r.height) for r in result.webp] == [(480, 720), (800, 1200)]
    expected = quadrant_colours(raw.transpose(Image.Transpose.ROTATE_270))  # blue, red / white, green
    assert expected == [BLUE, RED, WHITE, GREEN]
    for rendition in all_renditions(result):
        assert all(close(c, e) for c, e in zip(quadrant_colours(decoded(files[rendition.name])), expected))
    assert_clean(result, files)
    gps_numbers = struct.pack(">6I", 43, 1, 14, 1, 75, 2), struct.pack(">6I", 76, 1, 56, 1, 169, 4)  # the rationals
    assert all(number in source for number in gps_numbers)
    assert not any(number in data for data in files.values() for number in gps_numbers)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation(orientation):
    raw = quadrants(640, 320)
    source = encoded(raw, "JPEG", quality=95, exif=exif_with_gps(orientation))
    expected_picture = ImageOps.exif_transpose(Image.open(io.BytesIO(source)))
    result, files = process(source, "o", None)
    assert (result.width, result.height) == expected_picture.size
    expected = quadrant_colours(expected_picture)
    for rendition in all_renditions(result):
        got = quadrant_colours(decoded(files[rendition.name]))
        assert all(close(c, e, 20) for c, e in zip(got, expected)), (orientation, got, expected)
    assert_clean(result, files)


def test_orientation_in_a_png_exif_chunk():
    raw = quadrants(600, 300)
    result, files = process(encoded(raw, "PNG", exif=exif_with_gps(8)), "o", None)
    assert (result.width, result.height) == (300, 600)
    expected = quadrant_colours(raw.transpose(Image.Transpose.ROTATE_90))
    assert all(close(c, e) for c, e in zip(quadrant_colours(decoded(files["o-300.jpg"])), expected))
    assert_clean(result, files)


def test_large_jpeg_is_decoded_scaled_down_with_orientation_taken_into_account():
    source = encoded(photo(3200, 1600), "JPEG", quality=90, exif=exif_with_gps(6))  # shown 1600 x 3200
    decoded = images._decode(source, (480, 800))
    assert decoded.sizes == [(480, 960), (800, 1600)]
    assert decoded.picture.size == (1600, 800)  # libjpeg's 1/2 scale (as stored, turned later), not 3200 x 1600
    decoded = images._decode(source, (480, 960, 1600))
    assert decoded.sizes[-1] == (1600, 3200)
    assert decoded.picture.size == (3200, 1600)  # never below the largest rendition


def test_png_text_chunks_icc_and_exif_are_removed_and_alpha_is_kept():
    picture = photo(1000, 500).convert("RGBA")
    picture.putalpha(Image.linear_gradient("L").resize((1000, 500)))  # from clear to opaque
    info = PngInfo()
    info.add_text("Author", "SECRET-AUTHOR")
    info.add_text("Comment", "SECRET-ZIPPED " * 20, zip=True)
    info.add_itxt("Description", "SECRET-ITXT", lang="kk", tkey="Сипаттама")
    info.add(b"tIME", b"\x07\xea\x0b\x17\x0c\x00\x00")
    source = encoded(picture, "PNG", pnginfo=info, exif=exif_with_gps(1),
                     icc_profile=icc_profile(SRGB_RED_D50, SRGB_GREEN_D50, SRGB_BLUE_D50))
    assert all(chunk in source for chunk in (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP", b"tIME"))

    result, files = process(source, "logo", None)
    assert [r.mime for r in result.fallback] == ["image/png"] * 3
    assert [r.name for r in result.fallback] == ["logo-480.png", "logo-960.png", "logo-1000.png"]
    assert_clean(result, files)
    for rendition in all_renditions(result):
        out = decoded(files[rendition.name])
        assert out.mode == "RGBA", rendition.name
        alpha = out.getchannel("A")
        assert alpha.getpixel((out.width // 2, 0)) < 40, rendition.name  # the clear top stays clear
        assert alpha.getpixel((out.width // 2, out.height - 1)) > 215, rendition.name  # the bottom opaque


def test_palette_gif_with_transparency_gets_alpha_and_png():
    picture = Image.new("P", (600, 400), 0)
    picture.putpalette([255, 255, 255, 200, 30, 30] + [0] * 762)
    ImageDraw.Draw(picture).ellipse((100, 50, 500, 350), fill=1)
    result, files = process(encoded(picture, "GIF", transparency=0, comment=b"SECRET-GIF"), "g", None)
    assert [r.mime for r in result.fallback] == ["image/png", "image/png"]
    out = decoded(files["g-600.png"])
    assert out.mode == "RGBA"
    assert out.getpixel((5, 5))[3] == 0 and out.getpixel((300, 200)) == (200, 30, 30, 255)
    assert_clean(result, files)


def test_opaque_pictures_get_jpeg_even_with_an_alpha_channel():
    for picture in (photo(700, 400).convert("RGBA"), photo(700, 400).convert("P"), photo(700, 400).convert("L")):
        result, files = process(encoded(picture, "PNG"), "o", None)
        assert [r.mime for r in result.fallback] == ["image/jpeg", "image/jpeg"], picture.mode
        assert all(decoded(data).mode == "RGB" for data in files.values()), picture.mode


def test_webp_and_cmyk_sources():
    source = photo(800, 600)
    for data in (encoded(source, "WEBP", quality=95), encoded(source.convert("CMYK"), "JPEG", quality=95)):
        result, files = process(data, "s", None)
        assert [r.width for r in result.webp] == [480, 800]
        out = decoded(files["s-800.jpg"])
        assert out.mode == "RGB"
        assert max(ImageStat.Stat(ImageChops.difference(out, source)).mean) < 6


def test_sixteen_bit_greyscale_keeps_its_tones():
    row = struct.pack("<300H", *[20000] * 300) + struct.pack("<300H", *[60000] * 300)  # 20000 / 257 = 78, then 233
    picture = Image.frombytes("I;16", (600, 100), row * 100)
    _, files = process(encoded(picture, "PNG"), "g", None)
    out = decoded(files["g-480.jpg"])
    assert close(out.getpixel((60, 50)), (78, 78, 78), 3) and close(out.getpixel((420, 50)), (233, 233, 233), 3)


def test_icc_profile_is_converted_to_srgb_then_dropped():
    swapped = icc_profile(SRGB_GREEN_D50, SRGB_RED_D50, SRGB_BLUE_D50)  # its "red" is sRGB's green and back
    picture = Image.new("RGB", (600, 300), RED)
    ImageDraw.Draw(picture).rectangle((300, 0, 599, 299), fill=BLUE)
    result, files = process(encoded(picture, "PNG", icc_profile=swapped), "c", None)
    for name in ("c-600.jpg", "c-600.webp"):
        out = decoded(files[name])
        assert close(out.getpixel((100, 150)), GREEN, 20), name
        assert close(out.getpixel((450, 150)), BLUE, 20), name
        assert "icc_profile" not in out.info
    assert_clean(result, files)


def test_a_broken_icc_profile_is_ignored():
    picture = Image.new("RGB", (600, 300), RED)
    result, files = process(encoded(picture, "PNG", icc_profile=b"SECRET-not-a-profile" * 10), "c", None)
    assert close(decoded(files["c-600.jpg"]).getpixel((10, 10)), RED, 20)
    assert_clean(result, files)


# -- determinism ------------------------------------------------------------------

def test_same_input_gives_identical_bytes(tmp_path):
    transparent = photo(1100, 600).convert("RGBA")
    transparent.putpixel((0, 0), (0, 0, 0, 0))
    for source in (encoded(photo(2000, 1300), "JPEG", quality=90), encoded(transparent, "PNG")):
        first = process(source, "d", None)
        second = process(source, "d", None)
        cached = process(source, "d", tmp_path)
        assert first == second == cached
        assert len(first[1]) == 6


# -- srcset -------------------------------------------------------------------------

def test_srcset_and_largest():
    result, _ = process(encoded(photo(2000, 1000), "JPEG"), "nauryz", None)
    assert result.srcset("/media/events/nauryz", "webp") == (
        "/media/events/nauryz/nauryz-480.webp 480w, /media/events/nauryz/nauryz-960.webp 960w, "
        "/media/events/nauryz/nauryz-1600.webp 1600w")
    assert result.srcset("/media/events/nauryz/", "fallback") == (
        "/media/events/nauryz/nauryz-480.jpg 480w, /media/events/nauryz/nauryz-960.jpg 960w, "
        "/media/events/nauryz/nauryz-1600.jpg 1600w")
    assert result.srcset("", "webp").startswith("nauryz-480.webp 480w, ")
    assert result.largest("webp") == Rendition("nauryz-1600.webp", 1600, 800, "image/webp")
    assert result.largest("fallback") == Rendition("nauryz-1600.jpg", 1600, 800, "image/jpeg")
    with pytest.raises(ValueError):
        result.srcset("/m", "avif")


def test_srcset_of_a_single_rendition():
    logo = Responsive((Rendition("logo-300.webp", 300, 150, "image/webp"),),
                      (Rendition("logo-300.png", 300, 150, "image/png"),), 300, 150)
    assert logo.srcset("https://example.org/media", "fallback") == "https://example.org/media/logo-300.png 300w"


# -- the cache ----------------------------------------------------------------------

def forbid_image_work(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the cache was not used")

    monkeypatch.setattr(Image, "open", refuse)
    monkeypatch.setattr(Image.Image, "save", refuse)
    monkeypatch.setattr(Image.Image, "resize", refuse)


def test_a_second_call_reads_the_cache_without_decoding(tmp_path, monkeypatch):
    source = encoded(photo(1800, 1200), "JPEG", quality=90)
    first = process(source, "cached", tmp_path)
    entries = list(tmp_path.iterdir())
    assert len(entries) == 1 and (entries[0] / "meta.json").is_file()
    forbid_image_work(monkeypatch)
    assert process(source, "cached", tmp_path) == first
    renamed, files = process(source, "other-name", tmp_path)  # the same photo under another name
    assert [r.name for r in renamed.webp] == ["other-name-480.webp", "other-name-960.webp", "other-name-1600.webp"]
    assert files["other-name-960.jpg"] == first[1]["cached-960.jpg"]
    for other in ({"source": source + b"\0"}, {"widths": (480, 960)}):  # other bytes, other widths: not this entry
        with pytest.raises(ImageError) as raised:
            process(**{"source": source, "stem": "cached", "cache_dir": tmp_path, **other})
        assert "cache was not used" in str(raised.value.__cause__)


def test_the_cache_key_follows_the_pipeline_version(tmp_path, monkeypatch):
    source = encoded(photo(600, 400), "PNG")
    process(source, "v", tmp_path)
    monkeypatch.setattr(images, "PIPELINE_VERSION", images.PIPELINE_VERSION + 1)
    images._code_key.cache_clear()
    try:
        process(source, "v", tmp_path)
    finally:
        images._code_key.cache_clear()
    assert len(list(tmp_path.iterdir())) == 2


def damage_missing_file(folder: Path):
    (folder / "480.webp").unlink()


def damage_bad_json(folder: Path):
    (folder / "meta.json").write_text("{not json")


def damage_truncated_file(folder: Path):
    data = (folder / "960.jpg").read_bytes()
    (folder / "960.jpg").write_bytes(data[: len(data) // 2])


def damage_wrong_structure(folder: Path):
    (folder / "meta.json").write_text(json.dumps({"width": 960, "height": 640, "files": [{"kind": "webp"}]}))


def damage_outside_path(folder: Path):
    meta = json.loads((folder / "meta.json").read_text())
    meta["files"][0]["file"] = "../../etc/passwd"
    (folder / "meta.json").write_text(json.dumps(meta))


def damage_empty_list(folder: Path):
    meta = json.loads((folder / "meta.json").read_text())
    meta["files"] = []
    (folder / "meta.json").write_text(json.dumps(meta))


@pytest.mark.parametrize("damage", [damage_missing_file, damage_bad_json, damage_truncated_file,
                                    damage_wrong_structure, damage_outside_path, damage_empty_list])
def test_a_damaged_cache_entry_is_made_again(tmp_path, monkeypatch, damage):
    source = encoded(photo(1000, 666), "JPEG", quality=90)
    expected = process(source, "d", tmp_path)
    (folder,) = tmp_path.iterdir()
    damage(folder)
    opened = []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))
    assert process(source, "d", tmp_path) == expected
    assert opened  # made again, not read from the damaged entry
    forbid_image_work(monkeypatch)
    assert process(source, "d", tmp_path) == expected  # and the entry is whole again


def test_cache_files_are_renamed_into_place_meta_last(tmp_path, monkeypatch):
    moves = []
    real_replace = os.replace

    def spy(source, target):
        moves.append((Path(source), Path(target)))
        assert Path(source).read_bytes()  # the temporary file is complete before the rename
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    process(encoded(photo(1000, 500), "PNG"), "a", tmp_path)
    (folder,) = tmp_path.iterdir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(t.name for _, t in moves)
    assert moves[-1][1].name == "meta.json"
    for temporary, target in moves:
        assert temporary.parent == target.parent and temporary.name != target.name
        assert temporary.name.startswith(".")


def test_an_interrupted_cache_write_is_made_again(tmp_path, monkeypatch):
    source = encoded(photo(1000, 500), "PNG")
    real_replace = os.replace

    def crash_on_meta(source_path, target):
        if Path(target).name == "meta.json":
            raise OSError("disk full")
        real_replace(source_path, target)

    monkeypatch.setattr(os, "replace", crash_on_meta)
    expected = process(source, "a", tmp_path)  # the cache failing is not the build failing
    monkeypatch.setattr(os, "replace", real_replace)
    (folder,) = tmp_path.iterdir()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary file left behind
    assert not (folder / "meta.json").exists()
    assert process(source, "a", tmp_path) == expected
    assert (folder / "meta.json").is_file()


def test_an_unusable_cache_folder_is_not_an_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    result, files = process(encoded(photo(600, 300), "PNG"), "u", blocked)
    assert len(files) == 4 and result.width == 600


def _build_in_process(arguments):
    source, cache = arguments
    result, files = process(source, "p", Path(cache))
    return result, files


def test_builds_at_the_same_time_share_the_cache(tmp_path):
    source = encoded(photo(2400, 1600), "JPEG", quality=90)
    with multiprocessing.get_context("fork").Pool(4) as pool:
        results = pool.map(_build_in_process, [(source, str(tmp_path))] * 8)
    assert all(result == results[0] for result in results)
    assert results[0] == process(source, "p", None)
    (folder,) = tmp_path.iterdir()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    assert images._read_cached(folder) is not None


# -- hostile files ------------------------------------------------------------------

def png_header_only(width: int, height: int) -> bytes:
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + png_chunk(b"IDAT", zlib.compress(b"\0" * 100)) + png_chunk(b"IEND", b""))


def hostile_inputs():
    jpeg = encoded(photo(800, 600), "JPEG", quality=90)
    png = encoded(photo(800, 600), "PNG")
    return {
        "empty": (b"", "empty"),
        "text": (b"This is not an image at all.\n" * 10, "not an image"),
        "html named .png": (b"<!doctype html><script>alert(1)</script>", "not an image"),
        "bmp": (encoded(photo(50, 50), "BMP"), "not an image"),
        "tiff": (encoded(photo(50, 50), "TIFF"), "not an image"),
        "truncated jpeg": (jpeg[: len(jpeg) // 2], "truncated"),
        "truncated png": (png[: len(png) // 2], "truncated"),
        "png header only": (png[:60], "image"),
        "corrupt png data": (png[:200] + bytes(255 - b for b in png[200:]), "image"),
        "bomb header": (png_header_only(100_000, 100_000), "too many pixels"),
        "too tall": (encoded(Image.new("L", (10, 20_000)), "PNG"), "too tall"),
    }


@pytest.mark.parametrize("case", list(hostile_inputs()))
def test_hostile_input_raises_image_error(case, tmp_path):
    source, words = hostile_inputs()[case]
    started = time.monotonic()
    with pytest.raises(ImageError) as raised:
        process(source, "h", tmp_path)
    assert time.monotonic() - started < 10
    assert words in str(raised.value)
    assert not re.search(r"<|\b0x[0-9a-f]+", str(raised.value))  # plain words, no object reprs
    assert not list(tmp_path.iterdir())  # nothing cached for a bad file


def test_decompression_bombs_within_the_warning_range_are_refused_too(monkeypatch):
    assert Image.MAX_IMAGE_PIXELS and Image.MAX_IMAGE_PIXELS <= 200_000_000  # the protection is on
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    with pytest.raises(ImageError, match="too many pixels"):
        process(encoded(photo(120, 100), "PNG"), "b", None)  # 12 000: Pillow only warns
    with pytest.raises(ImageError, match="too many pixels"):
        process(encoded(photo(300, 100), "JPEG"), "b", None)  # 30 000: Pillow's own error
    result, _ = process(encoded(photo(100, 100), "PNG"), "b", None)  # 10 000: allowed
    assert result.width == 100
