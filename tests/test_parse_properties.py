"""Property tests: arbitrary text never breaks the parser, and every record keeps the contract."""
from __future__ import annotations

import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.parse import parse_text
from tests.helpers import shared_dir

_SCHEMA = None


def schema():
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = json.loads((shared_dir() / "contract" / "policy-record.schema.json").read_text("utf-8"))
    return _SCHEMA


# Text built from the pieces policy documents are made of, so the rules are really exercised.
PIECES = ["一、", "二、", "(一)", "（二）", "第一章", "第一节", "1.", "(市生态环境局牵头)", "（A、B按职责分工负责，C配合）",
          "〔牵头单位：市发展改革委；配合单位：市财政局〕", "到2025年,", "比2020年", "下降", "提高到", "达到", "以上", "左右",
          "分别", "均", "15%", "20、15个百分点", "3万千瓦", "百分之三十", "十五个", "《某某方案》", "贯彻落实", "关于印发", "的通知",
          "。", "；", "，", "\n", "2022年3月5日", "PM2.5", "(", ")", "（", "）", "〔", "〕", "“", "”", "、"]
texty = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texty)
def test_parser_never_raises_and_keeps_the_contract(text):
    record = parse_text(text).to_dict()
    jsonschema.validate(record, schema())


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_unicode_text(text):
    jsonschema.validate(parse_text(text).to_dict(), schema())
