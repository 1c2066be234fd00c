"""Bytes to text for seeds: gzip, byte-order marks, declared and detected encodings.

Mojibake is never produced silently: text that cannot be decoded with
confidence is an ``InputError`` naming the file.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib

from generator.errors import InputError, error

MAX_BYTES = 64 * 1024 * 1024  # a seed, decompressed, is at most this big
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING_RE = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# charset-normalizer's "chaos" (how mangled the decoded text looks): above this we refuse to guess.
MAX_CHAOS = 0.1


def gunzip(data: bytes, path: str) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(MAX_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(error(path, 1, 1, f"gzip data is damaged: {exc}", "encoding")) from exc
    if len(out) > MAX_BYTES:
        raise InputError(error(path, 1, 1, f"decompressed, the file is over {MAX_BYTES // (1024 * 1024)} MB", "too-large"))
    return out


def _declared(data: bytes) -> str | None:
    head = data[:4096]
    match = XML_ENCODING_RE.search(head) or META_CHARSET_RE.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    return found if found in WHATWG else None


# The encodings browsers know (the WHATWG Encoding Standard), as Python names them. A label for anything else
# (UTF-7, say, which can smuggle markup past a reader's eyes) is ignored, as browsers ignore it.
WHATWG = frozenset(codecs.lookup(name).name for name in (
    "utf-8", "utf-16-le", "utf-16-be", "ibm866", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6",
    "iso8859-7", "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16", "koi8-r", "koi8-u",
    "mac-roman", "mac-cyrillic", "cp874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "gbk", "gb18030", "big5", "euc-jp", "iso2022-jp", "shift-jis", "euc-kr", "latin-1", "ascii", "utf-16"))


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name.lower()).name
    except LookupError:
        return None
    if found not in WHATWG:
        return None
    # Browsers read "iso-8859-1" and "ascii" as windows-1252; so do we.
    return "cp1252" if found in ("latin-1", "iso8859-1", "ascii") else found


def decode_bytes(data: bytes, path: str, transport: str | None = None) -> str:
    """Decode seed bytes as a browser would: a BOM, then the charset the server sent (``transport``, from the
    capture record), then the one the page declares, then UTF-8, then confident detection."""
    data = gunzip(data, path)
    if not data.strip():
        raise InputError(error(path, 1, 1, "the file is empty", "empty-seed"))
    for bom, name in BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], name, path)
    served = _known(transport)
    if served and served not in ("utf-16", "utf-32"):
        return _strict(data, served, path)
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise InputError(error(path, line, 1, "the file holds NUL bytes: is it a binary file? (UTF-16 text needs a byte-order mark)",
                               "binary-seed"))
    declared = _declared(data)
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        # Browsers read "iso-8859-1" and "ascii" as windows-1252; so do we.
        name = "cp1252" if declared in ("latin-1", "iso8859-1", "ascii") else declared
        return _strict(data, name, path)
    try:
        return _strict(data, "utf-8", path)
    except InputError:
        if declared == "utf-8":
            raise
    return _detect(data, path)


def _strict(data: bytes, name: str, path: str) -> str:
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(error(path, line, col, f"not valid {name} (byte 0x{data[exc.start]:02x})", "encoding")) from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(error(path, line, 1, "the file holds NUL bytes: is it a binary file?", "binary-seed"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes, path: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:MAX_BYTES]).best()
    if best is None or best.chaos > MAX_CHAOS or best.encoding is None:
        raise InputError(error(path, 1, 1, "not UTF-8, no encoding declared, and no encoding can be detected with confidence:"
                               " convert the file to UTF-8", "encoding"))
    return _strict(data, best.encoding, path)
