"""The rules by which bench/title_agreement.py counts a parsed title as agreeing with a collection's table."""
import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "title_agreement", Path(__file__).resolve().parents[1] / "bench" / "title_agreement.py")
ta = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(ta)


@pytest.mark.parametrize("parsed, manifest", [
    ("某省绿色发展实施方案", "某省绿色发展实施方案"),
    ("某市人民政府关于推进节能工作的意见", "关于推进节能工作的意见"),  # issuer before 关于
    ("某市节能降碳行动方案（试行）", "某市节能降碳行动方案"),  # closing qualifier
    ("关于推进节能工作的意见", "关于推进节能工作的意见的通知"),  # the table names the cover notice
    ("中国的能源转型", "中国的能源转型白皮书"),  # genre after a white paper's own heading
    ("中国的能源转型", "《中国的能源转型》白皮书"),
])
def test_titles_that_agree(parsed, manifest):
    assert ta.titles_agree(parsed, manifest)


@pytest.mark.parametrize("parsed, manifest", [
    ("某省绿色发展实施方案", "某省绿色发展行动计划"),
    ("某市节能降碳行动方案", "某县节能降碳行动方案"),
    ("中国的能源转型", "中国的交通发展白皮书"),  # the genre rule never excuses another title
    ("关于推进节能工作的意见", "关于推进节能工作的若干措施"),
])
def test_titles_that_disagree(parsed, manifest):
    assert not ta.titles_agree(parsed, manifest)


def test_strict_counts_the_genre_word_as_a_difference():
    assert not ta.titles_agree("中国的能源转型", "中国的能源转型白皮书", strict=True)
    assert ta.titles_agree("中国的能源转型白皮书", "中国的能源转型白皮书", strict=True)
