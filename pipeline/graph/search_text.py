"""Text made searchable: jieba words for the index, the query and the marks in a hit.

Chinese has no spaces, and both LadybugDB's full-text extension and a plain token
match split on white space, so a Measure's, Task's and Target's text is stored a
second time as ``searchText``: its jieba words, each followed by the dictionary words
inside it (大气污染防治 → 大气污染防治, 大气, 大气污染, 污染, 防治), lower-cased, joined and framed by single spaces, so
`` 污染 `` is found by ``CONTAINS`` only as a whole word. The query is cut with the
same segmenter and dictionary (jieba's own plus the parser's agency dictionary,
``pipeline.parse.nlp``), by plain ``cut``: the user's words as written.
"""
from __future__ import annotations

from functools import lru_cache

from pipeline.parse import rules


def _jieba():
    """jieba with the parser's dictionaries loaded (once per process)."""
    from pipeline.parse.segmenter import policy_jieba

    return policy_jieba()


def _word(token: str) -> bool:
    return bool(token.strip()) and not rules.SEARCH_NOT_A_WORD.fullmatch(token)


def _tokens(text: str, cut) -> list[str]:
    """Latin runs (PM2.5) whole, the rest by ``cut``; lower-cased, punctuation dropped."""
    out: list[str] = []
    at = 0
    for m in rules.SEARCH_LATIN_RUN.finditer(text):
        out += [t for t in cut(text[at:m.start()]) if _word(t)]
        out.append(m.group().lower())
        at = m.end()
    out += [t for t in cut(text[at:]) if _word(t)]
    return out


def _with_inner_words(words, freq: dict) -> list[str]:
    """Each word, then every dictionary word of two or more characters inside it
    (生态环境局 → 生态环境局, 生态, 生态环境, 环境): jieba's ``cut_for_search`` adds only the
    inner words of two and three characters."""
    out: list[str] = []
    for w in words:
        out.append(w)
        n = len(w)
        for size in range(2, n):
            for i in range(n - size + 1):
                inner = w[i:i + size]
                if freq.get(inner):
                    out.append(inner)
    return out


def index_words(text: str) -> list[str]:
    """The words of ``text`` as the index holds them (repeats kept: they are term frequency).

    Cut sentence by sentence, each sentence's words remembered: a measure's text holds its
    tasks' sentences, and a target's its task's, so most sentences are cut once, not thrice."""
    if not text:
        return []
    return [w for s in rules.SEARCH_SENTENCE_END.split(text) if s for w in _sentence_words(s)]


@lru_cache(maxsize=20000)
def _sentence_words(sentence: str) -> tuple[str, ...]:
    jieba = _jieba()
    return tuple(_tokens(sentence, lambda s: _with_inner_words(jieba.cut(s, HMM=False), jieba.dt.FREQ)))


def search_text(*parts: str | None) -> str | None:
    """``searchText`` of a node whose text is ``parts`` (title, text): framed by spaces; None if empty."""
    words = [w for p in parts if p for w in index_words(p)]
    return " " + " ".join(words) + " " if words else None


def query_words(text: str) -> list[str]:
    """The distinct terms of a query, in order: its jieba words (``cut``, lower-cased,
    punctuation dropped), except that a run of one-character words within one
    space-separated part is one term, its characters joined by spaces (岸电, which jieba
    cuts 岸 / 电, is the term ``岸 电``): ``' ' + term + ' '`` is then found in a
    ``searchText`` only where those characters stand together."""
    if not text:
        return []
    jieba = _jieba()
    out: list[str] = []

    def add(term: str) -> None:
        if term and term not in out:
            out.append(term)

    for part in text.split():
        run: list[str] = []
        for w in _tokens(part, lambda s: jieba.cut(s, HMM=False)) + [""]:
            if len(w) == 1 and not w.isascii():
                run.append(w)
                continue
            add(" ".join(run))
            add(w)
            run = []
    return out


def mark(text: str, words: list[str], left: str = "«", right: str = "»") -> str:
    """``text`` with every occurrence of the query ``words`` framed by ``left``/``right``
    (longest first; case-insensitive for Latin letters; overlapping matches merged)."""
    if not text or not words:
        return text or ""
    low = text.lower()
    hit = [False] * len(text)
    for w in sorted(set(words), key=len, reverse=True):
        start = low.find(w)
        while start >= 0:
            for i in range(start, start + len(w)):
                hit[i] = True
            start = low.find(w, start + len(w))
    out, inside = [], False
    for ch, h in zip(text, hit):
        if h and not inside:
            out.append(left)
        elif not h and inside:
            out.append(right)
        inside = h
        out.append(ch)
    if inside:
        out.append(right)
    return "".join(out)


def query_phrases(text: str) -> list[str]:
    """The query's terms as phrases of the text (``岸 电`` → 岸电): for an index of CJK
    bigrams (Neo4j's cjk analyzer), which holds a lone character only where it stands alone."""
    return [t.replace(" ", "") if not t.isascii() else t for t in query_words(text)]
