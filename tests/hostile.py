"""Hostile files built in the test (no binaries committed), and a bounded run of the real CLI."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.documents import serialise_pdf, small_docx

POLICYKG = Path(sys.executable).with_name("policykg")
# Reports the peak resident memory of the command it runs (its only child), in KB, on stderr's last line.
_PEAK = ("import resource, subprocess, sys\n"
         "p = subprocess.run(sys.argv[1:])\n"
         "sys.stderr.write('\\nPEAK_KB %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
         "sys.exit(p.returncode)\n")


@dataclass
class Bounded:
    returncode: int
    stdout: str
    message: str  # stderr without the memory line
    peak_mb: float
    seconds: float


def run_bounded(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> Bounded:
    """Run ``policykg ARGS`` as a user does, and measure its peak memory and wall time."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _PEAK, str(POLICYKG), *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL,
                          timeout=timeout, env={**os.environ, **(env or {})})
    seconds = time.monotonic() - start
    err, _, peak = proc.stderr.rstrip().rpartition("PEAK_KB ")
    return Bounded(proc.returncode, proc.stdout, err.strip(), int(peak) / 1024, seconds)


def docx_with_body(body: bytes) -> bytes:
    """A sound .docx whose word/document.xml body is ``body``, deflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small_docx())) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: data.index(b"<w:body>") + len(b"<w:body>")] + body + b"</w:body></w:document>"
            out.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()


def lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """The same ZIP with ``member``'s uncompressed size in its local header and central directory set
    to ``size`` (a ZIP whose directory lies)."""
    out = bytearray(data)
    name = member.encode()
    at = 0
    while (at := out.find(b"PK\x03\x04", at)) >= 0:
        n = int.from_bytes(out[at + 26:at + 28], "little")
        if out[at + 30:at + 30 + n] == name:
            out[at + 22:at + 26] = size.to_bytes(4, "little")
        at += 4
    at = 0
    while (at := out.find(b"PK\x01\x02", at)) >= 0:
        n = int.from_bytes(out[at + 28:at + 30], "little")
        if out[at + 46:at + 46 + n] == name:
            out[at + 24:at + 28] = size.to_bytes(4, "little")
        at += 4
    return bytes(out)


def pdf_sharing_streams(streams: list[bytes], page_streams: list[int]) -> bytes:
    """A PDF in the standard font Helvetica whose page ``i`` draws the Flate-compressed content stream
    ``streams[page_streams[i]]``: a short list of operators can inflate to millions of characters, and
    many pages can point their /Contents at one big stream (each page load parses it again)."""
    import zlib

    objs: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]  # 1 catalog, 2 pages
    first_stream = len(objs) + 1
    for data in streams:
        packed = zlib.compress(data, 9)
        objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    kids = []
    for s in page_streams:
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % (first_stream + s))
        kids.append(len(objs))
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return serialise_pdf(objs, 1)


def text_stream(chars: int, run: bytes = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn") -> bytes:
    """A content stream drawing about ``chars`` characters in runs of ``(...) Tj``."""
    line = b"(" + run + b") Tj\n"
    return b"BT /F1 1 Tf 20 20 Td\n" + line * max(1, chars // len(run)) + b"ET\n"
