"""Tasks: each responsibility note closes one task, the run of text before it.

A task's text starts after the previous note of its block (or at the start of
the block, which for a measure is just after its heading sentence).
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import Task
from pipeline.parse.notes import find_notes
from pipeline.parse.structure import Block

_STRIP = " \t\n,;。,;:\u3000"


@dataclass
class TaskSpan:
    """Where a task's text lies in its block, to place targets in tasks."""

    task: Task
    start: int
    end: int  # offset of the note's opening bracket


def block_tasks(block: Block) -> list[TaskSpan]:
    spans: list[TaskSpan] = []
    pos = 0
    for note in find_notes(block.text):
        raw = block.text[pos:note.start]
        lead = len(raw) - len(raw.lstrip(_STRIP))
        task = Task(measure=block.measure, index=len(spans) + 1, text=raw.strip(_STRIP).replace("\n", ""),
                    agencies=note.agencies, section=block.section)
        spans.append(TaskSpan(task, pos + lead, note.start))
        pos = note.end
    return spans
