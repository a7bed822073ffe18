"""Scoring a parsed record against a hand-made gold annotation (``policykg eval``).

``score(gold, record)`` gives the metrics by name (``sections.f1``, ``targets.year_acc`` …), the same
names and numbers as the scorer the annotation came with; ``docs/eval.md`` documents the matching
rules, ``docs/annotation.md`` what a gold annotation says.
"""
from pipeline.evaluate.floors import Floor, below_floors, parse_floor
from pipeline.evaluate.load import load_gold, load_record
from pipeline.evaluate.score import METRICS, score

__all__ = ["Floor", "METRICS", "below_floors", "load_gold", "load_record", "parse_floor", "score"]
