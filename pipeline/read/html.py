"""HTML pages: the article body as plain text, without the site around it.

* The declared charset (``<meta charset>``, ``http-equiv`` Content-Type or the XML
  declaration) is honoured when it decodes the bytes cleanly; GB2312/GBK
  declarations are read as GB18030 (their superset).  Otherwise the encoding is
  detected as for plain text (``pipeline.read.text``).
* Scripts, styles, forms, navigation, headers, footers, sidebars, share bars and
  hidden elements are dropped.  Nothing is ever executed: BeautifulSoup only
  parses.
* The article body is the element with a known content id/class (content,
  article, TRS_Editor, zoom, detail, …) that holds at least half the page's
  Chinese text, or else the smallest element holding most of it.
* Block elements (p, div, li, tr, td, h1–h6, br, …) become line breaks.
* ``published`` comes from meta tags such as article:published_time,
  publishdate or PubDate.
"""
from __future__ import annotations

import codecs
import datetime as _dt
import re
import warnings
from pathlib import Path

from bs4 import (BeautifulSoup, Comment, Declaration, Doctype, MarkupResemblesLocatorWarning, NavigableString,
                 ProcessingInstruction, Tag, XMLParsedAsHTMLWarning)
from bs4.element import CData

from pipeline.read.tables import grid_lines
from pipeline.read.text import decode_file, is_clean, normalise_newlines

# --- charset ----------------------------------------------------------------------
_CHARSET_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""",
    re.IGNORECASE,
)
_CHARSET_SNIFF_BYTES = 16384
_GB_ALIASES = frozenset({"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb2312-80", "cp936", "ms936", "windows-936",
                         "euc-cn", "x-euc-cn", "csgb2312", "chinese", "iso-ir-58", "gb18030"})
_LATIN1_ALIASES = frozenset({"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"})

# --- chrome -------------------------------------------------------------------------
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "nav", "aside", "form",
              "button", "select", "input", "textarea", "label", "svg", "canvas", "object", "embed", "head",
              "link", "meta", "map", "video", "audio", "footer", "dialog", "menu")
_CHROME_WORDS = frozenset(
    """nav navbar navigation menu menus breadcrumb breadcrumbs crumb crumbs sidebar side sidenav share sharebar
    bdshare jiathis fenxiang social footer foot copyright related recommend comment comments ad ads advert
    advertisement banner toolbar tools print login search location position pager pagination topbar header
    skip qrcode ewm erweima gotop backtop friendlink links""".split()
)
_CONTENT_WORDS = frozenset("article content title main detail details text body zoom editor zw zhengwen".split())
_TOKEN_SPLIT_RE = re.compile(r"[-_:.]+")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CONTENT_ID_RE = re.compile(
    r"^(?:content|.*[-_]content|content[-_].*|article.*|.*[-_]article|trs_editor|zoom|detail.*|.*[-_]detail|"
    r"pages_content|ucap-content|main[-_]?text|text|zw|zhengwen|con|art[-_]?con|news[-_]?con.*|view)$",
    re.IGNORECASE,
)
_CONTENT_MIN_SHARE = 0.5  # a known content element must hold this share of the page's Chinese text
_DESCEND_SHARE = 0.7  # descend into a child that holds this share of its parent's Chinese text

# --- text ----------------------------------------------------------------------------
_BLOCK_TAGS = frozenset(
    """address article blockquote body caption center dd details div dl dt fieldset figcaption figure h1 h2 h3 h4
    h5 h6 hr html li main ol p pre section summary table tbody td tfoot th thead tr ul""".split()
)
_CJK = r"\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uffef"
_CJK_CHAR_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_NEWLINE_RE = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\u00a0]*\n\s*(?=[{_CJK}])")
_WS_RE = re.compile(r"[\s\u00a0\u3000]+")
_LINE_SPACE_RE = re.compile(r"[ \t\u00a0\u3000]+")

# --- dates -----------------------------------------------------------------------------
_DATE_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "publishdate", "pubdate",
    "publish_date", "publication_date", "publishtime", "firstpublishedtime", "datepublished", "dc.date.issued",
    "dc.date", "dcterms.issued", "dcterms.created", "date",
)
_ARTICLE_TITLE_RE = re.compile(r"^articletitle$", re.IGNORECASE)
_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})|(\d{4})(\d{2})(\d{2})")


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares, as a Python codec name (GB2312/GBK → gb18030), or None."""
    m = _CHARSET_RE.search(data[:_CHARSET_SNIFF_BYTES])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii").lower()
    if name in _GB_ALIASES:
        return "gb18030"
    if name in _LATIN1_ALIASES:
        return "cp1252"  # what browsers do
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(path: str | Path, data: bytes) -> tuple[str, str]:
    """Decode page bytes: the declared charset if it decodes cleanly, else detection."""
    declared = declared_charset(data)
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8") and not data.isascii():
        # Bytes that are valid UTF-8 with multi-byte characters are UTF-8 whatever the page
        # declares (a mis-declared page is common; real GB18030 text is almost never valid UTF-8):
        # decoding them as the declared charset would give mojibake silently.
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None and is_clean(text):
            return text, declared
    return decode_file(path, data)


def _tokens(tag: Tag) -> list[str]:
    raw = tag.get("class") or []
    if isinstance(raw, str):
        raw = raw.split()
    ident = tag.get("id")
    if isinstance(ident, str):
        raw = [*raw, ident]
    return [t for t in raw if isinstance(t, str)]


def _is_chrome(tag: Tag) -> bool:
    for token in _tokens(tag):
        parts = {p.lower() for p in _TOKEN_SPLIT_RE.split(_CAMEL_RE.sub("-", token)) if p}
        if parts & _CONTENT_WORDS:
            continue
        if parts & _CHROME_WORDS:
            return True
    role = tag.get("role")
    return isinstance(role, str) and role.lower() in ("navigation", "banner", "contentinfo", "complementary", "search")


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE_RE.search(style))


def _inside(tag: Tag, names: tuple[str, ...]) -> bool:
    return any(p.name in names for p in tag.parents)


def strip_chrome(soup: BeautifulSoup) -> None:
    """Remove scripts, styles, navigation, sidebars, footers, share bars and hidden elements in place."""
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Declaration, Doctype, ProcessingInstruction, CData))):
        node.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all("header"):
        # an <article>'s own <header> holds its title and date; a page header is chrome
        if not _inside(tag, ("article", "main")):
            tag.decompose()
    for tag in soup.find_all(True):
        # bs4's ``tag.decomposed`` falls back to a descendant search on a live tag (quadratic on a
        # deep page); decompose() leaves ``_decomposed`` in the instance dict, read directly
        if tag.__dict__.get("_decomposed", False):
            continue
        if tag.name not in ("html", "body") and (_is_hidden(tag) or _is_chrome(tag)):
            tag.decompose()


def _text_counts(root: Tag) -> dict[int, int]:
    """Chinese characters outside links under every element, keyed by id(element).

    Iterative (an explicit stack, children before their parent), so a page nested thousands
    deep costs time in proportion to its size and never reaches Python's recursion limit."""
    counts: dict[int, int] = {}
    stack: list[tuple[Tag, bool, bool]] = [(root, False, False)]
    while stack:
        node, in_link, done = stack.pop()
        if done:
            total = 0
            for child in node.children:
                if isinstance(child, Tag):
                    total += counts[id(child)]
                elif isinstance(child, NavigableString) and not in_link:
                    total += len(_CJK_CHAR_RE.findall(str(child)))
            counts[id(node)] = total
            continue
        stack.append((node, in_link, True))
        for child in node.children:
            if isinstance(child, Tag):
                stack.append((child, in_link or child.name == "a", False))
    return counts


def find_body(soup: BeautifulSoup) -> Tag:
    """The element holding the article text (after ``strip_chrome``)."""
    root = soup.body or soup
    counts = _text_counts(root)
    total = counts.get(id(root), 0)
    if total == 0:
        return root
    known = [
        t for t in root.find_all(True)
        if any(_CONTENT_ID_RE.match(tok) for tok in _tokens(t)) and counts.get(id(t), 0) >= _CONTENT_MIN_SHARE * total
    ]
    if known:
        # the innermost of the known containers that still holds most of the text
        best = max(counts[id(t)] for t in known)
        known = [t for t in known if counts[id(t)] >= 0.9 * best]
        return known[-1]
    node = root
    while True:
        here = counts.get(id(node), 0)
        child = next((c for c in node.find_all(True, recursive=False) if counts.get(id(c), 0) >= _DESCEND_SHARE * here), None)
        if child is None:
            return node
        node = child


def render(node: Tag) -> str:
    """Text of an element: block elements and <br> become line breaks, inline whitespace collapses.

    Iterative, like ``_text_counts``: depth costs no recursion."""
    parts: list[str] = []
    # items: ("el", tag, pre) to render a tag's children, or ("nl",) to close a block
    stack: list[tuple] = [("children", node, node.name == "pre")]
    while stack:
        item = stack.pop()
        if item[0] == "nl":
            parts.append("\n")
            continue
        if item[0] == "text":
            parts.append(item[1])
            continue
        _, el, pre = item
        todo: list[tuple] = []
        for child in el.children:
            if isinstance(child, Tag):
                name = child.name
                if name == "br":
                    todo.append(("text", "\n"))
                    continue
                if name == "table":
                    grid = grid_lines([[td.get_text(" ", strip=True) for td in tr.find_all(["td", "th"], recursive=False)]
                                       for tr in child.find_all("tr")])
                    if grid:  # an indicator table (pipeline.read.tables)
                        todo.append(("text", "\n" + "\n".join(grid) + "\n"))
                        continue
                block = name in _BLOCK_TAGS
                if block:
                    todo.append(("text", "\n"))
                todo.append(("children", child, pre or name == "pre"))
                if block:
                    todo.append(("nl",))
            elif isinstance(child, NavigableString):
                text = str(child)
                if not pre:
                    text = _WS_RE.sub(" ", _CJK_NEWLINE_RE.sub("", text))
                todo.append(("text", text))
        stack.extend(reversed(todo))  # popped in document order
    lines = (_LINE_SPACE_RE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _meta_title(soup: BeautifulSoup) -> str | None:
    tag = soup.find("meta", attrs={"name": _ARTICLE_TITLE_RE})
    if tag is not None and isinstance(tag.get("content"), str) and tag["content"].strip():
        return _WS_RE.sub(" ", tag["content"]).strip()
    return None


def published_date(soup: BeautifulSoup) -> str | None:
    """A publication date the page states in its meta tags, as YYYY-MM-DD."""
    metas: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str):
            metas.setdefault(key.strip().lower(), content)
    for tag in soup.find_all(attrs={"itemprop": "datePublished"}):
        value = tag.get("content") or tag.get("datetime") or tag.get_text()
        if isinstance(value, str):
            metas.setdefault("datepublished", value)
    for key in _DATE_META:
        if key in metas:
            date = parse_date(metas[key])
            if date:
                return date
    return None


def parse_date(value: str) -> str | None:
    """YYYY-MM-DD from '2022-09-19T10:00:00+08:00', '2022/9/19', '2022年9月19日' or '20220919'."""
    m = _DATE_RE.search(value)
    if not m:
        return None
    y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def html_to_text(markup: str) -> tuple[str, str | None]:
    """(article text, published date) of an HTML document given as a string."""
    with warnings.catch_warnings():
        # XHTML pages and short texts trigger advice meant for developers, not for our users
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "lxml")
    published = published_date(soup)
    title = _meta_title(soup)
    strip_chrome(soup)
    body = find_body(soup)
    text = render(body)
    if body is not (soup.body or soup):
        # the title often stands above the article container: keep it
        h1 = soup.find("h1")
        if h1 is not None and not any(p is body for p in h1.parents):
            title = render(h1) or title
        if title and title not in text[: len(title) + 200]:
            text = f"{title}\n{text}"
    return normalise_newlines(text), published


def read_html(path: str | Path, data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, published) of an HTML file's bytes."""
    markup, encoding = decode_html(path, data)
    text, published = html_to_text(markup)
    return text, encoding, published
