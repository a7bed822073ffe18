"""Documents in articles (条例, 办法, 规定, 细则, 规则, 准则): chapters, articles and duties.

As docs/annotation.md (second edition) defines them:

* ``第一章`` headings are sections (number 第一章, title after it); ``第一条`` articles are
  measures (number 第一条, title the bracketed heading after it, 【目的依据】, else ""),
  indexed in reading order, with the chapter as section (None without chapters).
  ``第一节`` inside a chapter is not a level; (一)(二) inside an article are its text.
* duties are the tasks: each sentence (ended by 。 or ；) of an article whose subject
  is a state body or class of bodies (…人民政府, …主管部门, …部门, …委员会, …局,
  …机构) followed by 应当, 负责, 依法, 组织 or 会同; the subject is a mention with
  role ``duty``, a body joined by 会同 has role ``support``. Non-state subjects
  (重点排放单位应当…, 任何单位和个人…) give no task.
* article and clause numbers (第三十条, 第二款) are never targets:
  ``article_number_spans`` gives the spans the target extractor skips.

A document is in articles when at least three paragraphs open with 第一条, 第二条, …
in sequence; headings are accepted only in sequence (第N条 after 第N-1条), which
keeps citations such as 第三十条规定 out.
"""
from __future__ import annotations

from typing import Optional

from pipeline.model import AgencyRole, Measure, Section, Task
from pipeline.parse import rules
from pipeline.parse.fold import fold
from pipeline.parse.numbers import cn_int
from pipeline.parse.structure import Block, Structure
from pipeline.parse.tasks import TaskSpan

MIN_ARTICLES = 3
_STRIP = " \t\n,;。:，；：\u3000"


def _number(text: str) -> Optional[int]:
    return int(text) if text.isdigit() else cn_int(text)


def _article_heads(folded: list[str]) -> list[tuple[int, int]]:
    """(paragraph index, article number) of the accepted 第N条 headings."""
    out: list[tuple[int, int]] = []
    last = 0
    for i, f in enumerate(folded):
        m = rules.ARTICLE_HEAD.match(f)
        if m and _number(m[1]) == last + 1:
            out.append((i, last + 1))
            last += 1
    return out


def split_glued_articles(paragraphs: list[str]) -> list[str]:
    """Split paragraphs where the next article (in sequence) runs on: …本办法。第二条 本办法适用于…

    A chapter heading glued before its first article (第一章 总则 第一条 …) is split off too.
    """
    out: list[str] = []
    expected = 1
    for p in paragraphs:
        f = fold(p)
        head = rules.ARTICLE_HEAD.match(f)
        if head and _number(head[1]) == expected:
            expected += 1
        cuts = []
        for m in rules.ARTICLE_INLINE.finditer(f):
            head = rules.ARTICLE_HEAD.match(f[m.end():])
            if m.end() > 0 and head and _number(head[1]) == expected:
                cuts.append(m.end())
                expected += 1
        if cuts:
            # a chapter heading run into these articles (…施行。第二章 管理 第三条) stands on its own
            cuts += [m.end() for m in rules.CHAPTER_INLINE.finditer(f) if 0 < m.end() < cuts[-1]]
        start = 0
        for c in sorted(set(cuts)) + [len(p)]:
            piece = p[start:c].strip()
            start = c
            if piece:
                out.append(piece)
    return out


def is_articled(paragraphs: list[str]) -> bool:
    """At least three paragraphs open with 第一条, 第二条, 第三条 … in sequence."""
    return len(_article_heads([fold(p) for p in paragraphs])) >= MIN_ARTICLES


def _chapter(f: str, last: int) -> Optional[tuple[int, object]]:
    m = rules.CHAPTER_HEAD.match(f)
    if not m:
        return None
    n = cn_int(m[1])
    if n != last + 1 or "。" in m[2] or len(m[2]) > 40:
        return None
    return n, m


def _squeeze(s: str) -> str:
    """'总 则' -> '总则': white space between Chinese characters of a heading goes."""
    return "".join(s.split())


def parse_articles(paragraphs: list[str]) -> Structure:
    """Chapters as sections, articles as measures; the text before the first heading is the preamble."""
    folded = [fold(p) for p in paragraphs]
    heads = dict(_article_heads(folded))
    st = Structure(articled=True)
    # chapters: in sequence, each followed by an article before any other chapter line
    # (the chapter lines of a 目录 are followed by the next chapter line, not an article)
    chapter_lines = [i for i, f in enumerate(folded) if i not in heads and rules.CHAPTER_HEAD.match(f)]
    chapters: dict[int, object] = {}
    last = 0
    for k, i in enumerate(chapter_lines):
        got = _chapter(folded[i], last)
        if not got:
            continue
        nxt_chapter = chapter_lines[k + 1] if k + 1 < len(chapter_lines) else len(paragraphs)
        if any(i < j < nxt_chapter for j in heads):
            chapters[i] = got[1]
            last = got[0]
    starts = sorted(set(heads) | set(chapters))
    first = starts[0] if starts else len(paragraphs)
    st.preamble = paragraphs[:first]
    if st.preamble:
        st.blocks.append(Block(None, None, "\n".join(st.preamble)))
    sec_idx: Optional[int] = None
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(paragraphs)
        p, f = paragraphs[i], folded[i]
        if i in chapters:
            m = chapters[i]
            sec_idx = len(st.sections) + 1
            st.sections.append(Section(index=sec_idx, title=_squeeze(p[m.start(2):]), number=_squeeze(p[:m.start(2)])))
            continue  # a chapter holds no text of its own
        m = rules.ARTICLE_HEAD.match(f)
        number = _squeeze(p[:m.start(2)])
        rest = p[m.start(2):]
        title = ""
        t = rules.ARTICLE_TITLE.match(fold(rest))
        if t:
            title = (t[1] or t[2] or t[3]).strip()
            rest = rest[t.end():]
        body_lines = [rest.strip()] + [q for q in paragraphs[i + 1:end] if not rules.PART_LINE.match(fold(q))]
        body = "\n".join(x for x in body_lines if x)
        idx = len(st.measures) + 1
        st.measures.append(Measure(index=idx, section=sec_idx, title=title, number=number, text=body))
        st.blocks.append(Block(sec_idx, idx, body, articled=True))
    return st


# ---------------------------------------------------------------- duties

def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, ended by 。 or ； (or a line break), outside brackets."""
    f = fold(text)
    out, start, depth = [], 0, 0
    for i, ch in enumerate(f):
        if ch in "(〔【[“":
            depth += 1
        elif ch in ")〕】]”" and depth:
            depth -= 1
        elif ch in "。;\n" and (depth == 0 or ch == "\n"):
            depth = 0
            out.append((start, i))
            start = i + 1
    out.append((start, len(f)))
    return [(a, b) for a, b in out if f[a:b].strip(_STRIP)]


def _bodies(subject: str) -> Optional[list[str]]:
    """The bodies a subject names, or None when it is not (only) state bodies.

    ``县级以上地方人民政府及其有关部门`` -> [县级以上地方人民政府, 有关部门];
    ``市、区人民政府`` stays one mention (市 alone is no body).
    """
    s = subject.strip(_STRIP)
    fs = fold(s)
    if not s or len(s) > 80 or rules.NOT_STATE.search(fs) or rules.NOT_BODY_WORD.search(fs) or rules.NOT_SUBJECT.search(fs):
        return None
    pieces, pos = [], 0  # (piece, the separator after it)
    for m in rules.DUTY_JOIN.finditer(s):
        pieces.append((s[pos:m.start()], m[0]))
        pos = m.end()
    pieces.append((s[pos:], ""))
    out: list[str] = []
    carry = ""
    for piece, sep in pieces:
        piece = piece.strip()
        if not piece:
            continue
        trail = rules.BODY_TRAIL.search(fold(piece))
        if trail and rules.DUTY_BODY.search(fold(piece[:trail.start()])):
            piece = piece[:trail.start()]  # 市财政局等部门 -> 市财政局
        if rules.DUTY_BODY.search(fold(piece)):
            out.append(carry + piece)
            carry = ""
        else:
            carry += piece + sep  # an elided piece (市、区人民政府) joins the next one as written
    if carry or not out:
        return None
    return out


def _ends_body(f: str, end: int) -> bool:
    """f[:end] ends with a body's name, not inside one (…部 of …部门)."""
    return bool(rules.DUTY_BODY.search(f[:end])) and f[end:end + 1] != "门"


def _body_prefix(clause: str) -> Optional[list[str]]:
    """The bodies a clause opens with, whatever follows (市、区人民政府及其相关部门作出…前)."""
    f = fold(clause)
    for end in range(len(f), 1, -1):
        if _ends_body(f, end):
            bodies = _bodies(clause[:end])
            if bodies:
                return bodies
    return None


def _subject(clause: str) -> Optional[tuple[list[str], int]]:
    """Bodies before the first duty word of a clause, and that word's offset, if the subject is a state body."""
    f = fold(clause)
    v = rules.DUTY_VERB.search(f)
    if not v:
        return None
    pre = clause[:v.start()]
    fpre = f[:v.start()]
    item = rules.ITEM_MARK.match(fpre)
    if item:
        pre, fpre = pre[item.end():], fpre[item.end():]
    by = fpre.rfind("由")
    if by >= 0:
        # 本办法由市生态环境主管部门负责解释 / 由市生态环境主管部门会同…确定: the agent after 由
        pre, fpre = pre[by + 1:], fpre[by + 1:]
    if rules.NOT_SUBJECT.search(fpre):
        return None
    # the longest prefix that is a body, followed by nothing or an adverbial phrase
    for end in range(len(fpre), 1, -1):
        if not _ends_body(fpre, end):
            continue
        if not rules.DUTY_BETWEEN.match(fpre[end:]):
            continue
        bodies = _bodies(pre[:end])
        if bodies:
            return bodies, v.start()
        return None
    return None


def _clauses(f: str, a: int, b: int) -> list[tuple[int, int]]:
    out, start = [], a
    for i in range(a, b):
        if f[i] in ",:":
            out.append((start, i))
            start = i + 1
    out.append((start, b))
    return out


def _duty(text: str, a: int, b: int) -> Optional[list[AgencyRole]]:
    """The agencies of one sentence if it is a duty: the subject before its first duty word."""
    f = fold(text)
    for ca, cb in _clauses(f, a, b):
        clause = text[ca:cb]
        if not rules.DUTY_VERB.search(fold(clause)):
            continue
        got = _subject(clause.strip())
        if got:
            bodies = got[0]
        else:
            fc = fold(clause.strip())
            opens = rules.DUTY_VERB.search(fc).start() <= 2
            # the duty word opens its clause: the subject is the sentence's own
            # (市生态环境主管部门对…实施统一监督管理，组织实施本条例)
            bodies = _body_prefix(text[a:_clauses(f, a, b)[0][1]].strip()) if ca > a and opens else None
            if not bodies:
                return None  # the sentence's subject is not a state body
        roles = [AgencyRole(mention=x, role="duty") for x in bodies]
        w = rules.DUTY_WITH.search(fold(text), ca, b)
        if w:
            for x in _partners(text, w.end(), b):
                roles.append(AgencyRole(mention=x, role="support"))
        return roles
    return None


def _partners(text: str, start: int, end: int) -> list[str]:
    """The bodies joined by 会同: the longest run after it that names only bodies (a trailing 等 dropped)."""
    f = fold(text)
    stop = start
    while stop < end and f[stop] not in ",;:。":
        stop += 1
    for cut in range(min(stop, start + 80), start + 1, -1):
        if f[cut:cut + 1] == "门":
            continue
        trail = rules.MENTION_TRAIL.search(f[start:cut])
        cores = [text[start:cut - len(trail[0])]] if trail else []
        # 市水务局等部门 -> 市水务局; 政务服务数据管理等部门 (no body before 等) stays whole
        for core in cores + [text[start:cut]]:
            if _ends_body(fold(core), len(core)):
                bodies = _bodies(core)
                if bodies:
                    return bodies
    return []


def duty_tasks(block: Block) -> list[TaskSpan]:
    """The duties of one article, in order."""
    spans: list[TaskSpan] = []
    if block.measure is None:
        return spans
    for a, b in _sentences(block.text):
        roles = _duty(block.text, a, b)
        if not roles:
            continue
        raw = block.text[a:b]
        lead = len(raw) - len(raw.lstrip(_STRIP))
        task = Task(measure=block.measure, index=len(spans) + 1, text=raw.strip(_STRIP).replace("\n", ""),
                    agencies=roles, section=block.section)
        spans.append(TaskSpan(task, a + lead, b))
    return spans


# ---------------------------------------------------------------- targets guard

def article_number_spans(folded: str) -> list[tuple[int, int]]:
    """Spans of article, clause and item numbers (第三十条, 第二款, 第十条、十一条): never targets."""
    return [(m.start(), m.end()) for m in rules.ARTICLE_NUMBER.finditer(folded)]
