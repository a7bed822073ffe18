"""Short node captions for Neo4j Browser (the ``caption`` property of every node).

Browser draws a caption inside its node's circle, breaking lines only at spaces
and cutting what does not fit to a few characters (a Section read 深入打好…).
So every node carries a caption of at most ``MAX_WIDTH`` display columns (a Chinese
character is two, a Latin letter or digit one: about 16 Chinese characters; a
Document's ``DOCUMENT_WIDTH``, a Target's ``TARGET_WIDTH``, for its value and year),
full-width Latin letters and digits made half-width, cut with …, and broken by spaces
into words of at most ``WORD_WIDTH`` columns, where Browser may wrap; Latin runs such
as ``PM2.5`` or ``30μg/m³`` are never split.

* Document: its title without a leading issuer (中共中央、国务院关于深入打好… ->
  深入打好…); Section and Measure: number and title (三、深入打好蓝天保卫战);
  Task: its text; Target: indicator, comparator and value, year
  (细颗粒物(PM2.5)浓度 ≤30微克/立方米 2025); Agency and Indicator: the name.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Mapping

from pipeline.parse.rules import CAPTION_INNER_TITLE, CAPTION_ISSUER_ABOUT, CAPTION_RUN
from pipeline.parse.titles import unwrap_notice

MAX_WIDTH = 32         # display columns of a caption (16 Chinese characters), spaces not counted
WORD_WIDTH = 8         # columns between two spaces Browser may wrap at (4 Chinese characters)
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


def char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Display columns of ``text``, spaces not counted."""
    return sum(char_width(ch) for ch in text if not ch.isspace())


def _runs(text: str) -> list[str]:
    return CAPTION_RUN.findall(" ".join(text.split()))


def shorten(text: str, width: int = MAX_WIDTH) -> str:
    """``text`` on one line, half-width, cut to ``width`` columns (ellipsis included) if longer."""
    text = " ".join(half_width(text or "").split())
    if text_width(text) <= width:
        return text
    out, used = [], char_width(ELLIPSIS)
    for ch in text:
        w = 0 if ch.isspace() else char_width(ch)
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ELLIPSIS


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


def caption_text(text: str, width: int = MAX_WIDTH) -> str:
    return wrap(shorten(text, width))


def _without_issuer(title: str) -> str:
    return CAPTION_ISSUER_ABOUT.sub("", title, count=1) or title


def document_caption(title: str) -> str:
    """The title without a leading issuer; a title cited inside it (贯彻落实〈…〉的若干措施)
    is shortened first (and a cover notice, 国务院关于印发X的通知, is X), so the words around it, which tell the documents apart, stay."""
    title = " ".join(half_width(title or "").split())
    title = _without_issuer(unwrap_notice(title).strip("《》 ") or title)
    inner = CAPTION_INNER_TITLE.search(title)
    if inner and text_width(title) > DOCUMENT_WIDTH:
        room = DOCUMENT_WIDTH - (text_width(title) - text_width(inner.group("inner")))
        cited = _without_issuer(inner.group("inner"))
        short = shorten(cited, room) if room >= 3 * char_width("字") else ELLIPSIS
        title = title[:inner.start("inner")] + short + title[inner.end("inner"):]
    return caption_text(title, DOCUMENT_WIDTH)


def heading_caption(number: str | None, title: str | None, text: str | None = None) -> str:
    """A Section's or Measure's number and title (its text when it has no title)."""
    return caption_text(f"{number or ''}{title or text or ''}")


def target_caption(props: Mapping[str, Any]) -> str:
    indicator = shorten(props.get("indicator") or "", INDICATOR_WIDTH)
    value = props.get("valueText")
    if value is None and props.get("value") is not None:
        value = f"{props['value']:g}{props.get('unit') or ''}"
    sign = _COMPARATOR.get(props.get("comparator") or "", "")
    if props.get("kind") == "change":
        sign = _DIRECTION.get(props.get("direction") or "", "") + sign
    parts = [wrap(indicator), wrap(shorten(f"{sign}{value or ''}", VALUE_WIDTH))]
    if props.get("year") is not None:
        parts.append(str(props["year"]))
    return " ".join(p for p in parts if p)


def node_caption(label: str, props: Mapping[str, Any]) -> str:
    """The caption of a node of ``label`` with properties ``props`` (as the graph holds them)."""
    if label == "Document":
        caption = document_caption(props.get("title") or "")
    elif label in ("Section", "Measure"):
        caption = heading_caption(props.get("number"), props.get("title"), props.get("text"))
    elif label == "Task":
        caption = caption_text(props.get("text") or "")
    elif label == "Target":
        caption = target_caption(props)
    else:  # Agency, Indicator
        caption = caption_text(props.get("name") or "")
    return caption or caption_text(str(props.get("id") or label))
