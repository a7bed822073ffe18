"""Whole numbers read from environment variables, one reading for every setting that takes one."""
from __future__ import annotations

import os
from typing import Optional


def env_whole_number(name: str) -> tuple[str, Optional[int]]:
    """``$name`` as written (stripped) and as a whole number (``1_000`` allowed).

    The number is None when the variable is unset or empty, and -1 when it is not a whole
    number, so a caller's range check refuses it with the text the user wrote."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return raw, None
    try:
        return raw, int(raw.replace("_", ""))
    except ValueError:
        return raw, -1
