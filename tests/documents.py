"""Documents made on the fly for tests: a PDF with a text layer, a small .docx."""
from __future__ import annotations

import io
from functools import lru_cache


def page_pdf(pages: list[list[str | tuple[int, str]]]) -> bytes:
    """A PDF with one page per list of lines (text at x=72, or (x, text)), 20 points apart."""
    return pdf_bytes([[(x, 780 - 20 * i, t) for i, (x, t) in
                       enumerate(line if isinstance(line, tuple) else (72, line) for line in page)]
                      for page in pages])


def pdf_bytes(pages: list[list[tuple[float, float, str]]], size: int = 12) -> bytes:
    """A minimal PDF; each page is a list of (x, y, text) runs (BMP characters only), in a CID font
    whose ToUnicode map is the identity, so text extraction gives the text back."""
    used = sorted({ord(c) >> 8 for page in pages for _, _, t in page for c in t}) or [0]
    ranges = "\n".join(f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in used)
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
            f"endcodespacerange\n{len(used)} beginbfrange\n{ranges}\nendbfrange\n"
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()
    objs: list[bytes | None] = []

    def add(body: bytes | None) -> int:
        objs.append(body)
        return len(objs)

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    catalog, root = add(None), add(None)
    desc = add(b"<< /Type /FontDescriptor /FontName /T /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
               b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
    cid = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /T /CIDSystemInfo << /Registry (Adobe) "
              b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>" % desc)
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /T /Encoding /Identity-H /DescendantFonts [%d 0 R] "
               b"/ToUnicode %d 0 R >>" % (cid, add(stream(cmap))))
    kids = []
    for runs in pages:
        ops = "\n".join(f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm <{t.encode('utf-16-be').hex()}> Tj ET"
                        for x, y, t in runs)
        content = add(stream(ops.encode()))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R "
                        b">> >> /Contents %d 0 R >>" % (root, font, content)))
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % root
    objs[root - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return serialise_pdf(objs, catalog)


def serialise_pdf(objs: list[bytes], catalog: int) -> bytes:
    """A PDF file of these objects (numbered from 1), its cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)


@lru_cache(maxsize=None)
def small_docx(lines: tuple[str, ...] = ("测试市工作方案", "一、重点任务",
                                         "（一）推进大气治理。到2025年，细颗粒物浓度下降5%。（市生态环境局牵头）")) -> bytes:
    """A .docx holding ``lines`` as paragraphs and a one-row table."""
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "指标", "目标值"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


class PlacedTextPage:
    """A text page of our own: each line (text, x, y, size) drawn from x at height y, characters size wide."""

    def __init__(self, lines: list[tuple[str, float, float, float]]):
        self.text = "\r\n".join(t for t, _, _, _ in lines)
        self.boxes = []
        for i, (t, x, y, size) in enumerate(lines):
            for k, _ in enumerate(t):
                self.boxes.append((x + size * k, y, x + size * (k + 1), y + size))
            if i < len(lines) - 1:
                self.boxes += [(0, 0, 0, 0)] * 2

    def get_text_range(self):
        return self.text

    def count_chars(self):
        return len(self.text)

    def get_charbox(self, k, loose=True):
        return self.boxes[k]
