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

from tests.documents import small_docx

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
