"""The system (系统) of an agency, from ``data/agency_systems.tsv``.

``system_of(name)`` gives the line of work an agency belongs to whatever its level:
生态环境部, 山东省生态环境厅 and 青岛市生态环境局 are all 生态环境; 国家发展和改革委员会 and
江苏省发展和改革委员会 are 发展改革. The place heading the name is taken off first (so
青岛市 never reads as anything), then the first row of the table whose word the rest
contains wins (rows run from specific to general: 市公安局交通管理局 is 公安, and
人民政府 comes last). A party committee's office (中共…委办公厅) and a government's
(…人民政府办公厅) are 党委 and 政府 (人民政府 is read as 政府, never as 民政).
None when no row matches.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Optional

from pipeline.parse import rules
from pipeline.parse.fold import fold

_NOT_PLACE = re.compile(r"^[省市区县州]|银行|人民|人行|集团|公司|中心")


@lru_cache(maxsize=1)
def systems() -> tuple[tuple[str, str], ...]:
    """(word, system) rows in the table's order."""
    text = resources.files("pipeline.data").joinpath("agency_systems.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        word, system = line.split("\t")[:2]
        rows.append((word.strip(), system.strip()))
    return tuple(rows)


@lru_cache(maxsize=4096)
def system_of(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    body = fold(name)
    body = rules.PARTY_PREFIX.sub("", body)
    m = rules.PLACE.match(body)
    if m and len(m["place"]) <= 8 and not _NOT_PLACE.search(m["place"]):
        body = body[m.end("place"):]
    body = rules.NATIONAL_PREFIX.sub("", body).replace("人民政府", "政府")  # 人民政府 holds 民政
    for word, system in systems():
        if word in body:
            return system
    if rules.AGENCY_PARTY_COMMITTEE.search(body):
        return "党委"
    return None
