"""Document titles: normalisation and the stable document id derived from it.

A parent or cited title must resolve to the same id as the ingested document it
names, whatever its wrapping: 《》 and 〈〉, the cover-notice frame
(国务院关于印发…的通知 names the plan inside it), a trailing document number
(国发〔2021〕33号), punctuation, and width variants.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_DOCNO = re.compile(r"[（(]\s*[^()（）]{0,12}[〔\[［【][0-9０-９]{4}[〕\]］】]\s*[0-9０-９]+\s*号\s*[)）]\s*$")
_NOTICE = re.compile(r"^.{0,80}?关于(?:联合)?(?:印发|发布|转发|颁布)(.+?)的(?:通知|函)$")
_NOISE = re.compile(r"[\s《》〈〉<>“”\"'‘’「」『』、，,。.:：;；!！?？·\-—–―_()（）\[\]【】〔〕]")


def strip_docno(title: str) -> str:
    """Drop a trailing document number such as （国发〔2021〕33号）."""
    return _DOCNO.sub("", title.strip()).strip()


def unwrap_notice(title: str) -> str:
    """国务院关于印发2030年前碳达峰行动方案的通知 -> 2030年前碳达峰行动方案."""
    t = strip_docno(title)
    m = _NOTICE.match(t)
    if m:
        inner = m.group(1).strip()
        inner = inner.removeprefix("《").removesuffix("》")
        return inner.strip()
    return t


def normalise_title(title: str) -> str:
    """The key two titles of one document share."""
    t = unicodedata.normalize("NFKC", title or "")
    t = unwrap_notice(t)
    return _NOISE.sub("", t)


def document_id(title: str) -> str:
    """Stable id of a document, derived from its normalised title."""
    key = normalise_title(title)
    return "doc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
