"""Reviewed tables and the record contract, shipped inside the package.

``policy-record.schema.json`` is the contract every ``policykg parse --format json`` record keeps to
(a copy of the project's shared contract, kept in the package so a checkout or an install needs
nothing beside it).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "policy-record.schema.json"


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text("utf-8")


def policy_record_schema() -> dict[str, Any]:
    """The JSON Schema of a policy record (a fresh copy each call: callers may change it)."""
    return json.loads(_schema_text())
