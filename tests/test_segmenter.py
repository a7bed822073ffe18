"""pipeline.parse.segmenter: jieba's dictionary read from its cache in one piece,
segmenting exactly as jieba's own loading does, and jieba's way when there is no cache."""
from __future__ import annotations

import marshal
import os

import jieba
import pytest

from pipeline.parse.segmenter import cache_path, load_dictionary, read_cache

TEXT = "到2025年,全市细颗粒物(PM2.5)平均浓度下降到30微克/立方米,由市生态环境局牵头。"


def fresh(tmp_path) -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(tmp_path)
    return tok


def test_without_a_cache_jieba_builds_and_writes_it(tmp_path):
    tok = fresh(tmp_path)
    load_dictionary(tok)
    assert tok.initialized and len(tok.FREQ) > 100_000
    assert os.path.isfile(tmp_path / "jieba.cache")


def test_from_the_cache_segments_as_jieba_does(tmp_path):
    built = fresh(tmp_path)
    built.initialize()  # jieba's own way; writes the cache
    fast = fresh(tmp_path)
    load_dictionary(fast)
    assert fast.initialized
    assert fast.FREQ == built.FREQ and fast.total == built.total
    assert fast.lcut(TEXT) == built.lcut(TEXT)


def test_the_cache_read_is_the_one_used(tmp_path):
    # a cache holding a tiny dictionary shows that load_dictionary read it, not the big one
    with open(tmp_path / "jieba.cache", "wb") as f:
        marshal.dump(({"生态": 5, "生": 0, "环境局": 5, "环": 0, "环境": 0}, 10), f)
    tok = fresh(tmp_path)
    load_dictionary(tok)
    assert tok.FREQ == {"生态": 5, "生": 0, "环境局": 5, "环": 0, "环境": 0}
    assert tok.lcut("生态环境局") == ["生态", "环境局"]


@pytest.mark.parametrize("content", [b"", b"not marshal data", marshal.dumps(["a", "list"]),
                                     marshal.dumps(({}, 0))])
def test_an_unreadable_cache_falls_back_to_jieba(tmp_path, content):
    (tmp_path / "jieba.cache").write_bytes(content)
    assert read_cache(str(tmp_path / "jieba.cache")) is None
    tok = fresh(tmp_path)
    load_dictionary(tok)
    assert tok.initialized and len(tok.FREQ) > 100_000


def test_a_custom_dictionary_is_left_to_jieba(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("生态环境局 10 n\n", encoding="utf-8")
    tok = jieba.Tokenizer(str(words))
    tok.tmp_dir = str(tmp_path)
    assert cache_path(tok) is None
    load_dictionary(tok)
    assert tok.FREQ.get("生态环境局") == 10 and tok.total == 10


def test_an_initialised_tokenizer_is_not_reloaded(tmp_path):
    tok = fresh(tmp_path)
    tok.FREQ, tok.total, tok.initialized = {"甲": 1}, 1, True
    load_dictionary(tok)
    assert tok.FREQ == {"甲": 1}


# -- the dictionary by first character (load_dictionary_by_character) -------------------

TEXTS = [TEXT, "推进城乡建设和管理模式低碳转型，严格控制新增建设用地规模。",
         "鼓励企业开展清洁生产审核，加快淘汰落后产能。", "乙丙丁戊己庚辛壬癸"]


def by_character(tmp_path) -> jieba.Tokenizer:
    from pipeline.parse.segmenter import load_dictionary_by_character

    tok = fresh(tmp_path)
    load_dictionary_by_character(tok)
    return tok


def test_by_character_the_first_load_is_whole_and_writes_the_shards(tmp_path):
    tok = by_character(tmp_path)
    assert len(tok.FREQ) > 100_000
    assert (tmp_path / "jieba.cache").is_file() and (tmp_path / "jieba-shards.cache").is_file()


def test_by_character_cuts_as_the_whole_dictionary_with_user_words(tmp_path):
    whole = fresh(tmp_path)
    whole.initialize()  # jieba's own way; writes the cache
    by_character(tmp_path)  # writes the shards
    lazy = by_character(tmp_path)
    assert lazy.initialized and lazy.total == whole.total and len(lazy.FREQ) < 1000
    for tok in (whole, lazy):  # a user word before any cut: its prefixes keep their frequency
        tok.add_word("生态环境局", 10)
        tok.add_word("乙丙丁", 7)
    assert lazy.FREQ["生态"] == whole.FREQ["生态"] > 0
    for text in TEXTS:
        assert lazy.lcut(text) == whole.lcut(text)
        assert lazy.lcut(text, HMM=False) == whole.lcut(text, HMM=False)
        assert lazy.lcut_for_search(text) == whole.lcut_for_search(text)
    assert all(lazy.FREQ[w] == whole.FREQ[w] for w in lazy.FREQ)
    assert len(lazy.FREQ) < len(whole.FREQ)


def test_by_character_shards_of_another_cache_are_rebuilt(tmp_path):
    by_character(tmp_path)
    by_character(tmp_path)
    cache = tmp_path / "jieba.cache"
    os.utime(cache, ns=(cache.stat().st_atime_ns, cache.stat().st_mtime_ns + 10**9))
    tok = by_character(tmp_path)  # stale shards: a whole load, and new shards
    assert len(tok.FREQ) > 100_000
    assert len(by_character(tmp_path).FREQ) == 0


@pytest.mark.parametrize("content", [b"", b"junk", marshal.dumps(5), marshal.dumps((1, 2, 3)),
                                     marshal.dumps(((0, 0), 10, {"生": "not bytes"}))])
def test_by_character_a_broken_shard_file_is_rebuilt(tmp_path, content):
    by_character(tmp_path)
    (tmp_path / "jieba-shards.cache").write_bytes(content)
    tok = by_character(tmp_path)
    assert len(tok.FREQ) > 100_000  # a whole load, which writes the shards again
    assert len(by_character(tmp_path).FREQ) == 0
