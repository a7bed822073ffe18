"""Short node captions for Neo4j Browser (the ``caption`` property of every node).

Browser draws a caption inside its node's circle, breaking lines only at spaces
and cutting what does not fit to a few characters (a Section read 深入打好…).
So every node carries a caption of at most ``MAX_WIDTH`` display columns (a Chinese
character is two, a Latin letter or digit one: about 16 Chinese characters; a
Document's ``DOCUMENT_WIDTH``, a Target's ``TARGET_WIDTH``, for its value and year),
full-width Latin letters and digits made half-width, cut with …, and broken by spaces
into words of ``WORD_WIDTH`` columns (or another of ``WORD_WIDTHS``, or cut shorter,
whichever Browser draws whole in the node's circle: browser_fit.py), where Browser may
wrap; Latin runs such as ``PM2.5`` or ``30μg/m³`` are never split.

* Document: its title without a leading issuer (中共中央、国务院关于深入打好… ->
  深入打好…); Section and Measure: number and title (三、深入打好蓝天保卫战);
  Task: its text; Target: indicator, comparator and value, year
  (细颗粒物(PM2.5)浓度 ≤30微克/立方米 2025); Agency and Indicator: the name.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any, Mapping

from pipeline.graph.browser_fit import fits
from pipeline.parse.rules import CAPTION_INNER_TITLE, CAPTION_ISSUER_ABOUT, CAPTION_RUN
from pipeline.parse.titles import unwrap_notice

MAX_WIDTH = 32         # display columns of a caption (16 Chinese characters), spaces not counted
WORD_WIDTH = 8         # columns between two spaces Browser may wrap at (4 Chinese characters)
WORD_WIDTHS = (8, 6, 10)  # tried in turn until Browser draws the whole caption
INDICATOR_WIDTH = 20   # of a Target's caption, for the indicator
VALUE_WIDTH = 14       # of a Target's caption, for comparator and value
DOCUMENT_WIDTH = 36    # of a Document's caption (titles end in what they are: 实施方案)
TARGET_WIDTH = INDICATOR_WIDTH + VALUE_WIDTH + 4  # and the year
ELLIPSIS = "…"

_COMPARATOR = {"<=": "≤", ">=": "≥", "<": "<", ">": ">", "=": "", "~": "约"}
_DIRECTION = {"up": "↑", "down": "↓"}


_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def half_width(text: str) -> str:
    """Full-width Latin letters, digits and punctuation as ASCII: （PM2.5） -> (PM2.5)."""
    return text.translate(_HALF_WIDTH)


@lru_cache(maxsize=None)
def char_width(ch: str) -> int:
    """2 for a Chinese character (and the curly quotes, dashes and ellipsis Chinese text
    uses, which CJK fonts draw full width), 1 for others."""
    if unicodedata.east_asian_width(ch) in ("W", "F") or 0x2014 <= ord(ch) <= 0x2026:
        return 2
    return 1


@lru_cache(maxsize=None)
def _columns(ch: str) -> int:
    return 0 if ch.isspace() else char_width(ch)


def text_width(text: str) -> int:
    """Display columns of ``text``, spaces not counted."""
    return sum(map(_columns, text))


def _runs(text: str) -> list[str]:
    return CAPTION_RUN.findall(" ".join(text.split()))


def shorten(text: str, width: int = MAX_WIDTH) -> str:
    """``text`` on one line, half-width, cut to ``width`` columns (ellipsis included) if longer."""
    text = " ".join(half_width(text or "").split())
    room = width - char_width(ELLIPSIS)  # for the characters kept when it is cut
    used, cut = 0, None
    for i, ch in enumerate(text):  # one pass, stopping once it is known not to fit
        used += _columns(ch)
        if cut is None and used > room:
            cut = i
        if used > width:
            return text[:cut].rstrip() + ELLIPSIS
    return text


def wrap(text: str, word: int = WORD_WIDTH) -> str:
    """``text`` with spaces where Browser may break the line: words of at most ``word``
    columns, Latin runs kept whole, an ellipsis kept with the word before it."""
    words: list[str] = []
    current, used = "", 0
    for run in _runs(text):
        if run.isspace():
            if current:
                words.append(current)
            current, used = "", 0
            continue
        w = text_width(run)
        if current and used + w > word and run != ELLIPSIS:
            words.append(current)
            current, used = "", 0
        current += run
        used += w
    if current:
        words.append(current)
    return " ".join(words)


def fitted(label: str, text: str, width: int, suffix: tuple[str, ...] = (), shortest: int = 12) -> str:
    """``text`` cut to ``width`` columns and broken into words so that Browser draws all of it
    in a node of ``label`` (browser_fit.py): words of WORD_WIDTH columns, else of the other
    WORD_WIDTHS, else the text cut shorter (to ``shortest``). ``suffix`` (a Target's value
    and year) is kept whole."""
    def caption(short: str, word: int) -> str:
        return " ".join(p for p in (wrap(short, word), *(wrap(x, word) for x in suffix)) if p)

    for limit in range(width, min(width, shortest) - 1, -4):
        short = shorten(text, limit)
        for word in WORD_WIDTHS:
            if fits(caption(short, word), label):
                return caption(short, word)
    return caption(shorten(text, width), WORD_WIDTH)


def _without_issuer(title: str) -> str:
    return CAPTION_ISSUER_ABOUT.sub("", title, count=1) or title


def document_caption(title: str) -> str:
    """The title without a leading issuer; a title cited inside it (贯彻落实〈…〉的若干措施)
    is shortened first (and a cover notice, 国务院关于印发X的通知, is X), so the words
    around it, which tell the documents apart, stay."""
    title = " ".join(half_width(title or "").split())
    title = _without_issuer(unwrap_notice(title).strip("《》 ") or title)
    inner = CAPTION_INNER_TITLE.search(title)
    if inner and text_width(title) > DOCUMENT_WIDTH:
        room = DOCUMENT_WIDTH - (text_width(title) - text_width(inner.group("inner")))
        cited = _without_issuer(inner.group("inner"))
        short = shorten(cited, room) if room >= 3 * char_width("字") else ELLIPSIS
        title = title[:inner.start("inner")] + short + title[inner.end("inner"):]
    return fitted("Document", title, DOCUMENT_WIDTH)


def target_caption(props: Mapping[str, Any]) -> str:
    value = props.get("valueText")
    if value is None and props.get("value") is not None:
        value = f"{props['value']:g}{props.get('unit') or ''}"
    sign = _COMPARATOR.get(props.get("comparator") or "", "")
    if props.get("kind") == "change":
        sign = _DIRECTION.get(props.get("direction") or "", "") + sign
    suffix = [shorten(f"{sign}{value or ''}", VALUE_WIDTH)]
    if props.get("year") is not None:
        suffix.append(str(props["year"]))
    return fitted("Target", props.get("indicator") or "", INDICATOR_WIDTH, tuple(p for p in suffix if p), 4)


# The properties each label's caption is made of (besides the id, for a node they leave empty):
# pipeline/graph/derived.py keys captions computed ahead by these.
CAPTION_INPUTS: dict[str, tuple[str, ...]] = {
    "Document": ("title",),
    "Section": ("number", "title", "text"),
    "Measure": ("number", "title", "text"),
    "Task": ("text",),
    "Target": ("indicator", "valueText", "value", "unit", "comparator", "kind", "direction", "year"),
}
NAME_INPUTS = ("name",)  # Agency, Indicator and any other label


def node_caption(label: str, props: Mapping[str, Any]) -> str:
    """The caption of a node of ``label`` with properties ``props`` (as the graph holds them)."""
    return content_caption(label, props) or id_caption(label, props)


def id_caption(label: str, props: Mapping[str, Any]) -> str:
    """The caption of a node whose ``CAPTION_INPUTS`` give none: its id."""
    return fitted(label, str(props.get("id") or label), MAX_WIDTH)


def content_caption(label: str, props: Mapping[str, Any]) -> str:
    """The caption made of the node's ``CAPTION_INPUTS`` alone ('' if they give none)."""
    if label == "Document":
        caption = document_caption(props.get("title") or "")
    elif label in ("Section", "Measure"):  # number and title (its text when it has no title)
        caption = fitted(label, f"{props.get('number') or ''}{props.get('title') or props.get('text') or ''}",
                         MAX_WIDTH)
    elif label == "Task":
        caption = fitted(label, props.get("text") or "", MAX_WIDTH)
    elif label == "Target":
        caption = target_caption(props)
    else:  # Agency, Indicator
        caption = fitted(label, props.get("name") or "", MAX_WIDTH)
    return caption
