"""spaCy and jieba imported without the parts a parse never uses (start-up time, issue 18).

* ``import spacy`` runs ``from .cli.info import info``, and ``spacy.cli`` imports every
  command of spaCy's own CLI: model download (requests, httpx), project tools (weasel,
  typer), config templates (jinja2) — a third of spaCy's import time, none of it used
  by ``spacy.blank``. ``import_spacy`` imports spaCy with a stand-in for ``spacy.cli``
  and ``spacy.cli.info`` and removes the stand-ins afterwards: ``spacy.info`` still works
  (it imports the real ``spacy.cli.info`` when called), and ``import spacy.cli`` later
  imports the real package.
* jieba's ``_compat`` imports ``pkg_resources`` (setuptools: about 0.15 s) only to open
  its own dictionary file, with a fallback that opens the same file by path when
  ``pkg_resources`` cannot be imported. ``import_jieba`` takes the fallback; jieba opens
  that file only to build its cache (pipeline/parse/segmenter.py), the first time.

Both do nothing more than ``import`` when the module is already imported.
"""
from __future__ import annotations

import sys
import types
from types import ModuleType


def _spacy_info(*args, **kwargs):
    """``spacy.info``: the real one, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> ModuleType:
    """``spacy``, without importing ``spacy.cli``."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli", "stand-in while spacy is imported (pipeline.lean_imports)")
    cli.__path__ = []  # a package, so that spacy.cli.info is looked up in sys.modules
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    taken = [name for name in stand_ins if name in sys.modules]
    if taken:  # the real spacy.cli without spacy: cannot happen, but never replace a module
        import spacy

        return spacy
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:  # bound by the import system: unbind the stand-in
        del spacy.cli
    return spacy


def import_jieba() -> ModuleType:
    """``jieba``, without importing ``pkg_resources``."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    if "pkg_resources" in sys.modules:  # already paid for: jieba uses it as it always did
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # makes ``import pkg_resources`` raise ImportError
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba
