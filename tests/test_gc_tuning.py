"""pipeline.gc_tuning.fewer_collections: raises the young threshold, never lowers it,
and puts the thresholds back after the block, error or not."""
from __future__ import annotations

import gc

import pytest

from pipeline.gc_tuning import fewer_collections


@pytest.fixture(autouse=True)
def thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_raised_inside_and_restored_after():
    with fewer_collections(40_000):
        assert gc.get_threshold() == (40_000, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_restored_after_an_error():
    with pytest.raises(KeyError):
        with fewer_collections(40_000):
            raise KeyError("x")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_already_set_is_kept():
    gc.set_threshold(90_000, 5, 5)
    with fewer_collections(40_000):
        assert gc.get_threshold() == (90_000, 5, 5)
    assert gc.get_threshold() == (90_000, 5, 5)


def test_nested_blocks_unwind_in_order():
    with fewer_collections(20_000):
        with fewer_collections(60_000):
            assert gc.get_threshold()[0] == 60_000
        assert gc.get_threshold()[0] == 20_000
    assert gc.get_threshold()[0] == 700
