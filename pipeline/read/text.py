"""Plain-text files: detect the encoding, never guess into mojibake.

Order of attempts (the first clean one wins):

1. a byte-order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE;
2. BOM-less UTF-16 LE/BE, told by NUL bytes standing on one side of each byte
   pair (ASCII characters, newlines and digits in UTF-16);
3. UTF-8, strict;
4. GB18030 (a superset of GB2312 and GBK), strict, and only if the Chinese
   characters it yields are mostly common ones — Big5 or random bytes also
   decode as GB18030, into rare characters;
5. charset-normalizer's best guess.

"Clean" also means the decoded text holds (almost) no control characters,
private-use or unassigned code points, and — for the guesses of steps 2, 4
and 5 — that its letters are Han, Latin or full-width Latin (kana, hangul or
Cyrillic are the marks of a wrong guess) with mostly common Han characters.  When nothing is clean the file is
refused with an ``InputError`` asking for a conversion to UTF-8.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from pipeline.errors import InputError

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_BAD_SHARE = 0.001  # control / private-use / unassigned characters tolerated
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_MIN_COMMON_HAN = 0.9  # share of Han characters that must be in GB2312 for a GB18030 guess
_EXPECTED_LETTER_RE = re.compile(
    r"[A-Za-z\u00aa\u00b5\u00ba\u03bc\u00c0-\u024f\u3005-\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\uff21-\uff3a\uff41-\uff5a\U00020000-\U0003134f]"
)
_MAX_ODD_LETTERS = 0.02
_UTF16_MIN_NUL_SHARE = 0.005  # of byte pairs
_UTF16_MAX_OTHER_SIDE = 0.05  # NULs on the other side, relative to the main side

DECODE_HINT = "convert it to UTF-8 (e.g. iconv -f GB18030 -t UTF-8, or save as UTF-8 in an editor)"


class UndecodableError(ValueError):
    """No encoding decodes the bytes cleanly."""


def is_clean(text: str) -> bool:
    """True if the text has (almost) no control, private-use, unassigned or replacement characters."""
    if not text:
        return True
    bad = 0
    for ch in text:
        if ch in _ALLOWED_CONTROLS:
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Co", "Cs", "Cn") or ch == "\ufffd":
            bad += 1
    return bad <= _MAX_BAD_SHARE * len(text)


def _encodable(ch: str, codecs_: tuple[str, ...]) -> bool:
    for codec in codecs_:
        try:
            ch.encode(codec)
            return True
        except UnicodeEncodeError:
            pass
    return False


def _common_han_share(text: str, charsets: tuple[str, ...] = ("gb2312",)) -> float:
    """Share of the Han characters that are in the common charsets (GB2312: the 6763 common simplified ones)."""
    han = _HAN_RE.findall(text)
    if not han:
        return 1.0
    return sum(_encodable(ch, charsets) for ch in han) / len(han)


def _expected_letter(ch: str) -> bool:
    return bool(_EXPECTED_LETTER_RE.match(ch))


def scripts_plausible(text: str) -> bool:
    """True if the letters are Han, Latin or full-width Latin: kana, hangul, Cyrillic… in a guessed
    decoding of a Chinese policy file are the marks of a wrong guess."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    odd = sum(not _expected_letter(c) for c in letters)
    return odd <= _MAX_ODD_LETTERS * len(letters)


def _utf16_guess(data: bytes) -> str | None:
    if len(data) < 2 or len(data) % 2:
        return None
    pairs = len(data) // 2
    nul_even = data[0::2].count(0)
    nul_odd = data[1::2].count(0)
    main, other, codec = (nul_odd, nul_even, "utf-16-le") if nul_odd >= nul_even else (nul_even, nul_odd, "utf-16-be")
    if main >= _UTF16_MIN_NUL_SHARE * pairs and other <= _UTF16_MAX_OTHER_SIDE * main:
        return codec
    return None


def _try(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if is_clean(text) else None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns (text, encoding) or raises ``UndecodableError``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _try(data, codec)
            if text is None:
                raise UndecodableError(f"starts with a {codec.upper()} byte-order mark but does not decode as {codec}")
            return text, codec
    utf16 = _utf16_guess(data)
    if utf16:
        text = _try(data, utf16)
        if text is not None and scripts_plausible(text):
            return text, utf16
    text = _try(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    text = _try(data, "gb18030")
    if text is not None and scripts_plausible(text) and _common_han_share(text) >= _MIN_COMMON_HAN:
        return text, "gb18030"
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = _try(data, best.encoding)
        if (text is not None and scripts_plausible(text)
                and _common_han_share(text, ("gb2312", "big5")) >= _MIN_COMMON_HAN):
            return text, codecs.lookup(best.encoding).name
    raise UndecodableError("its encoding could not be determined")


def normalise_newlines(text: str) -> str:
    """Unix newlines, no BOM character, no trailing spaces on lines."""
    text = _NEWLINE_RE.sub("\n", text).replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def decode_file(path: str | Path, data: bytes) -> tuple[str, str]:
    """``decode_bytes`` with the failure turned into a one-line ``InputError`` naming the file."""
    try:
        return decode_bytes(data)
    except UndecodableError as exc:
        raise InputError(f"{exc}; it is not UTF-8, GB18030/GBK or UTF-16 text", path=str(path),
                         hint=DECODE_HINT) from None


def read_text(path: str | Path, data: bytes) -> tuple[str, str]:
    """The text of a plain-text file and the encoding it was read with."""
    text, encoding = decode_file(path, data)
    return normalise_newlines(text), encoding
