"""The build-time image pipeline: the renditions of each photo the site shows
(event images, gallery photos, centres' logos).

`process` turns the bytes of one image into WebP files and JPEG files (PNG when
the picture has transparency) at the widths of WIDTHS that the picture has,
never upscaled, so pages can offer `<picture>` with a `srcset`:

- the EXIF orientation is applied first, then every piece of metadata is left
  behind (EXIF with its GPS position, XMP, IPTC, ICC profiles, PNG text chunks,
  comments): the outputs are made from the pixels alone;
- the widths are those of `widths` the picture has (a width equal to its own
  counts) and its own width when that is below the largest: a 300 px logo gets
  one 300 px rendition, a 1000 px photo 480, 960 and 1000;
- an alpha channel is kept only when it hides something: WebP and PNG with
  alpha then, WebP and JPEG otherwise;
- colours are converted to sRGB with the image's ICC profile when it has one
  (a phone's Display P3 photo, a CMYK print file), then the profile is dropped;
- the same bytes always give the same files, byte for byte;
- a file that is not an image, a truncated one or a decompression bomb raises
  ImageError with a plain English message.

Decoding and encoding cost far more than the rest of a build, so with a
`cache_dir` the results are kept there, one folder per source (keyed by the
hash of its bytes, the widths, PIPELINE_VERSION, the encoders' settings and
the versions of Pillow and its codecs), and the next build reads them back
without decoding or encoding anything. The folder holds the
files named by width (so one photo used under two names is made once) and
`meta.json`, written last, with the sizes and a hash of each file: a missing,
damaged or half-written entry is made again, never an error. Every file is
written to a temporary name and renamed, so builds running at the same time
only ever see whole files.

This module does not import Pelican.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import PIL
from PIL import ExifTags, Image, UnidentifiedImageError, features

WIDTHS = (480, 960, 1600)

# Bump when the output changes for the same input (the settings below are part
# of the cache key already; this covers changes in the code).
PIPELINE_VERSION = 1

WEBP = "webp"
FALLBACK = "fallback"
KINDS = (WEBP, FALLBACK)

FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # what the content may use; other decoders are never tried
FORMAT_NAMES = "JPEG, PNG, WebP or GIF"
WEBP_OPTIONS = {"quality": 80, "method": 4}
JPEG_OPTIONS = {"quality": 82, "progressive": True, "optimize": True}
PNG_OPTIONS = {"optimize": True}
RESAMPLE = Image.Resampling.LANCZOS
REDUCING_GAP = 3.0  # Pillow first shrinks by whole factors while the rest of the way is 3x or more
MAX_WEBP_SIDE = 16383  # the format's limit

EXTENSIONS = {"image/webp": "webp", "image/jpeg": "jpg", "image/png": "png"}
MIMES = {extension: mime for mime, extension in EXTENSIONS.items()}
META = "meta.json"
_CACHED_NAME = re.compile(r"[1-9][0-9]{0,5}\.(webp|jpg|png)")

_TRANSPOSE = {  # the EXIF orientation, as ImageOps.exif_transpose applies it
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SWAPS_SIDES = {5, 6, 7, 8}

_File = tuple[str, str, int, int, bytes]  # kind, mime, width, height, bytes


class ImageError(Exception):
    """An image that cannot be published; the message says why, in plain words."""


@dataclass(frozen=True)
class Rendition:
    name: str  # the file's name in the image's output folder, e.g. "nauryz-480.webp"
    width: int
    height: int
    mime: str  # "image/webp", "image/jpeg" or "image/png"


@dataclass(frozen=True)
class Responsive:
    webp: tuple[Rendition, ...]  # ascending widths
    fallback: tuple[Rendition, ...]  # the same widths, JPEG (PNG for a picture with transparency)
    width: int  # the largest rendition's size, for the width and height attributes
    height: int

    def renditions(self, kind: str) -> tuple[Rendition, ...]:
        if kind not in KINDS:
            raise ValueError(f"kind must be {WEBP!r} or {FALLBACK!r}, not {kind!r}")
        return getattr(self, kind)

    def srcset(self, base_url: str, kind: str) -> str:
        """`base_url/name 480w, base_url/name 960w`: base_url is the folder of the
        files (with or without a final slash; empty for names alone)."""
        prefix = base_url if not base_url or base_url.endswith("/") else base_url + "/"
        return ", ".join(f"{prefix}{r.name} {r.width}w" for r in self.renditions(kind))

    def largest(self, kind: str) -> Rendition:
        return self.renditions(kind)[-1]


def process(source: bytes, stem: str, cache_dir: Path | None,
            widths: tuple[int, ...] = WIDTHS) -> tuple[Responsive, dict[str, bytes]]:
    """The renditions of one image: metadata for the page and the files' bytes by name.

    `stem` starts every file name (`{stem}-{width}.webp`); `cache_dir`, when
    given, keeps the results for the next call with the same bytes and widths.
    Raises ImageError for anything that is not a usable JPEG, PNG, WebP or GIF (the
    first frame of an animation is used)."""
    if not stem or "/" in stem or "\\" in stem or stem.startswith("."):
        raise ValueError(f"not a file name stem: {stem!r}")
    widths = _checked_widths(widths)
    folder = Path(cache_dir) / _cache_key(source, widths) if cache_dir is not None else None
    if folder is not None:
        cached = _read_cached(folder)
        if cached is not None:
            return _named(stem, *cached)
    size, renditions = _render(source, widths)
    if folder is not None:
        _write_cached(folder, size, renditions)
    return _named(stem, size, renditions)


# -- decoding and encoding ----------------------------------------------------

def _render(source: bytes, widths: tuple[int, ...]) -> tuple[tuple[int, int], list[_File]]:
    """The largest rendition's size, and each file as (kind, mime, width, height,
    bytes), names left to the caller."""
    decoded = _decode(source, widths)
    renditions = []
    for width, height in decoded.sizes:
        resized = decoded.finish(decoded.resized(width, height))
        renditions.append((WEBP, "image/webp", width, height, _encode(resized, "WEBP", WEBP_OPTIONS)))
        if resized.mode == "RGBA":
            renditions.append((FALLBACK, "image/png", width, height, _encode(resized, "PNG", PNG_OPTIONS)))
        else:
            renditions.append((FALLBACK, "image/jpeg", width, height, _encode(resized, "JPEG", JPEG_OPTIONS)))
    return decoded.sizes[-1], renditions


def _encode(picture: Image.Image, format: str, options: dict) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format, **options)  # no exif, xmp, icc_profile or comment: none is passed
    return buffer.getvalue()


@dataclass
class _Decoded:
    """A decoded picture still as stored (orientation, colour space), and how
    to make each rendition: resized first, then turned and converted to sRGB,
    so that a large source is turned and converted only at the sizes published."""
    picture: Image.Image  # RGB, RGBA, L or CMYK, in the file's orientation, without metadata
    sizes: list[tuple[int, int]]  # the renditions', as shown (after orientation)
    orientation: int
    mode: str  # "RGB", or "RGBA" for a picture with transparency
    transform: object | None  # an ImageCms transform from the file's ICC profile to sRGB

    def resized(self, width: int, height: int) -> Image.Image:
        size = (height, width) if self.orientation in _SWAPS_SIDES else (width, height)
        if self.picture.size == size:
            return self.picture
        return self.picture.resize(size, RESAMPLE, reducing_gap=REDUCING_GAP)

    def finish(self, picture: Image.Image) -> Image.Image:
        if self.orientation in _TRANSPOSE:
            picture = picture.transpose(_TRANSPOSE[self.orientation])
        if self.transform is not None:
            from PIL import ImageCms

            picture = ImageCms.applyTransform(picture, self.transform)
        if picture.mode != self.mode:
            picture = picture.convert(self.mode)
        picture.info = {}  # nothing read from the file goes into the outputs
        return picture


def _decode(source: bytes, widths: tuple[int, ...]) -> _Decoded:
    """The pixels, decoded no larger than needed, and the renditions' sizes."""
    if not source:
        raise ImageError("the image file is empty")
    try:
        # Pillow's pixel limit (MAX_IMAGE_PIXELS): its warning is an error too. (catch_warnings
        # is process-wide, not thread-safe: builds run images in processes, never threads.)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(source), formats=FORMATS)
            jpeg = picture.format in ("JPEG", "MPO")
            if not jpeg:  # PNG may keep its EXIF after the pixels: decode first (and fail here if damaged)
                picture.load()
            orientation = _orientation(picture)
            width, height = picture.size
            if orientation in _SWAPS_SIDES:
                width, height = height, width
            sizes = _sizes(width, height, widths)
            if jpeg:  # JPEG's EXIF was read with its header; let libjpeg scale by 1/2, 1/4 or 1/8 while decoding
                target = sizes[-1] if orientation not in _SWAPS_SIDES else sizes[-1][::-1]
                picture.draft(None, target)
                picture.load()
            profile = picture.info.get("icc_profile")
            picture, mode = _base_mode(picture)
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageError("the image has too many pixels to be a photo (a possible decompression bomb); "
                         "save a smaller copy") from error
    except UnidentifiedImageError as error:
        raise ImageError(f"the file is not an image in a supported format ({FORMAT_NAMES})") from error
    except Exception as error:  # anything a damaged or hostile file makes a decoder raise
        if "truncated" in str(error).lower():
            raise ImageError("the image file is truncated (cut short); save or copy it again") from error
        raise ImageError("the image file is damaged and cannot be read; save it again") from error
    transform = _srgb_transform(profile, picture.mode, mode) if profile else None
    return _Decoded(picture, sizes, orientation, mode, transform)


def _orientation(picture: Image.Image) -> int:
    """The EXIF orientation, 1 when there is none or the EXIF block cannot be read
    (browsers show such files unrotated too)."""
    try:
        orientation = picture.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:  # noqa: BLE001 - a damaged EXIF block only loses the orientation, as in browsers
        return 1
    return orientation if isinstance(orientation, int) else 1


def _sizes(width: int, height: int, widths: tuple[int, ...]) -> list[tuple[int, int]]:
    """The renditions' sizes for a picture of width x height: every requested
    width it has, and its own width when that is below the largest; never upscaled."""
    chosen = [w for w in widths if w <= width]
    if width < widths[-1] and width not in chosen:
        chosen.append(width)
    sizes = [(w, max(1, (2 * w * height + width) // (2 * width))) for w in chosen]  # rounded half up
    if sizes[-1][1] > MAX_WEBP_SIDE:
        raise ImageError(f"the image is {width}x{height} pixels, too tall for its width "
                         f"(a rendition would be over {MAX_WEBP_SIDE} pixels high); crop it")
    return sizes


def _base_mode(picture: Image.Image) -> tuple[Image.Image, str]:
    """The picture in a mode that can be resized and colour-converted (RGB, RGBA,
    L or CMYK), and the mode of the renditions: RGBA when it has transparency,
    else RGB."""
    mode = picture.mode
    if mode.startswith("I"):  # 16-bit greyscale PNG: its top 8 bits (convert() would clip them)
        picture = (picture if mode == "I" else picture.convert("I")).point(lambda value: value * (1 / 257), "L")
    elif mode in ("1", "F"):
        picture = picture.convert("L")
    if picture.mode in ("RGBA", "LA", "La", "RGBa", "PA") or "transparency" in picture.info:
        if picture.mode != "RGBA":
            picture = picture.convert("RGBA")  # a palette or key colour's transparency becomes alpha
        if picture.getchannel("A").getextrema() != (255, 255):
            return picture, "RGBA"
        picture = picture.convert("RGB")  # an alpha channel that hides nothing: a JPEG fallback is far smaller
    elif picture.mode not in ("RGB", "L", "CMYK"):
        picture = picture.convert("RGB")
    return picture, "RGB"


def _srgb_transform(profile: bytes, mode: str, target: str):
    """The ImageCms transform from the ICC profile to sRGB; None when Pillow has
    no LittleCMS or the profile is unusable (its numbers are then taken as sRGB)."""
    try:
        from PIL import ImageCms
    except ImportError:
        return None
    try:
        return ImageCms.buildTransform(ImageCms.ImageCmsProfile(io.BytesIO(profile)), _srgb(), mode, target)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


@lru_cache(maxsize=1)
def _srgb():
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _checked_widths(widths) -> tuple[int, ...]:
    if isinstance(widths, (str, bytes)) or not widths:
        raise ValueError("widths must be a non-empty sequence of positive integers")
    checked = sorted(set(widths))
    if not all(isinstance(w, int) and not isinstance(w, bool) and 0 < w <= MAX_WEBP_SIDE for w in checked):
        raise ValueError(f"widths must be integers from 1 to {MAX_WEBP_SIDE}, not {widths!r}")
    return tuple(checked)


# -- naming -------------------------------------------------------------------

def _named(stem: str, size: tuple[int, int], renditions: list[_File]) -> tuple[Responsive, dict[str, bytes]]:
    by_kind: dict[str, list[Rendition]] = {WEBP: [], FALLBACK: []}
    files = {}
    for kind, mime, width, height, data in renditions:
        rendition = Rendition(f"{stem}-{width}.{EXTENSIONS[mime]}", width, height, mime)
        by_kind[kind].append(rendition)
        files[rendition.name] = data
    return Responsive(tuple(by_kind[WEBP]), tuple(by_kind[FALLBACK]), *size), files


# -- the cache ----------------------------------------------------------------

@lru_cache(maxsize=1)
def _code_key() -> bytes:
    """This pipeline: its version and settings, Pillow and the codecs it uses."""
    libraries = {name: features.version(name) for name in ("webp", "jpg", "libjpeg_turbo", "zlib", "littlecms2")}
    settings = [PIPELINE_VERSION, FORMATS, WEBP_OPTIONS, JPEG_OPTIONS, PNG_OPTIONS, str(RESAMPLE), REDUCING_GAP]
    return json.dumps([settings, PIL.__version__, libraries], sort_keys=True).encode()


def _cache_key(source: bytes, widths: tuple[int, ...]) -> str:
    digest = hashlib.blake2b(_code_key() + b"\0" + repr(widths).encode() + b"\0", digest_size=20)
    digest.update(source)
    return digest.hexdigest()


def _file_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _read_cached(folder: Path) -> tuple[tuple[int, int], list[_File]] | None:
    """A cache entry, or None when there is none or any part of it is missing or wrong."""
    try:
        meta = json.loads((folder / META).read_bytes())
        size = (meta["width"], meta["height"])
        renditions = []
        for item in meta["files"]:
            kind, name, width, height, expected = item["kind"], item["file"], item["width"], item["height"], item["hash"]
            if kind not in KINDS or not isinstance(name, str) or not _CACHED_NAME.fullmatch(name):
                return None
            mime = MIMES[name.rsplit(".", 1)[1]]
            if (kind == WEBP) != (mime == "image/webp"):
                return None
            if not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in (width, height)):
                return None
            data = (folder / name).read_bytes()
            if _file_hash(data) != expected:
                return None
            renditions.append((kind, mime, width, height, data))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not renditions or not all(isinstance(n, int) and not isinstance(n, bool) for n in size):
        return None
    return size, renditions


def _write_cached(folder: Path, size: tuple[int, int], renditions: list[_File]) -> None:
    """The entry's files, then meta.json; each renamed into place whole. A cache
    that cannot be written (read-only, full) only costs the next build time."""
    files = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for kind, mime, width, height, data in renditions:
            name = f"{width}.{EXTENSIONS[mime]}"
            _write_atomically(folder / name, data)
            files.append({"kind": kind, "file": name, "width": width, "height": height, "hash": _file_hash(data)})
        meta = {"pipeline": PIPELINE_VERSION, "width": size[0], "height": size[1], "files": files}
        _write_atomically(folder / META, json.dumps(meta, indent=1).encode() + b"\n")
    except OSError:
        pass


def _write_atomically(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
