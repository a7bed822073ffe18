"""jieba's dictionary, loaded in less than half the time jieba takes.

jieba keeps its prefix dictionary (about 500,000 words and prefixes) in a cache
file it writes on first use, and reads it back with ``marshal.load(file)``,
which pulls the 9 MB through the file object one small read per string: 0.7 s
in a fresh process. ``marshal.loads`` of the file's bytes builds the same
dictionary in 0.3 s. Every ``parse`` worker pays this once, so on a folder of a
few dozen documents it was a quarter of the run.

``load_dictionary`` fills a ``jieba.Tokenizer`` from jieba's own cache file the
fast way, and leaves everything else to jieba: with no cache (first run on a
machine) or a custom dictionary it calls ``Tokenizer.initialize``, which builds
the dictionary and writes the cache; a cache file that does not read as one is
removed first, so that jieba rebuilds it rather than load it.

The cache lives in policykg's user cache folder (``$POLICYKG_CACHE_DIR``, else
``$XDG_CACHE_HOME/policykg``, else ``~/.cache/policykg``), where jieba builds it from
the dictionary inside its own package on first use (nothing is downloaded); when that
folder cannot be made, jieba's default (the temporary folder) is kept.
"""
from __future__ import annotations

import marshal
import os
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pipeline.lean_imports import import_jieba

jieba = import_jieba()  # without pkg_resources

DEFAULT_CACHE_NAME = "jieba.cache"  # jieba's name for the default dictionary's cache


def cache_path(tokenizer: jieba.Tokenizer) -> str | None:
    """The cache file jieba reads for this tokenizer, or None when jieba would check
    it against a custom dictionary's modification time (left to jieba)."""
    if tokenizer.dictionary != jieba.DEFAULT_DICT:
        return None
    name = tokenizer.cache_file or DEFAULT_CACHE_NAME
    return os.path.join(tokenizer.tmp_dir or tempfile.gettempdir(), name)


def read_cache(path: str) -> tuple[dict[str, int], int] | None:
    """(prefix dictionary, total frequency) from a jieba cache file, or None if the
    file is missing or is not one."""
    try:
        with open(path, "rb") as f:
            freq, total = marshal.loads(f.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(freq, dict) or not isinstance(total, int) or not freq:
        return None
    return freq, total


def user_cache_dir() -> Path:
    """policykg's cache folder (the one pipeline/neo4j/config.py ``cache_base`` names)."""
    def env(name: str) -> Path | None:
        value = os.environ.get(name, "").strip()
        return Path(value).expanduser() if value else None

    return env("POLICYKG_CACHE_DIR") or (env("XDG_CACHE_HOME") or Path.home() / ".cache") / "policykg"


def use_cache_dir(tokenizer: jieba.Tokenizer) -> None:
    """Keep ``tokenizer``'s cache in the user cache folder, unless told where already."""
    if tokenizer.tmp_dir is not None:
        return
    try:
        folder = user_cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home, or a folder we may not create: jieba's default
        return
    if os.access(folder, os.W_OK) or (folder / DEFAULT_CACHE_NAME).is_file():
        tokenizer.tmp_dir = str(folder)


def load_dictionary(tokenizer: jieba.Tokenizer = jieba.dt) -> None:
    """Initialise ``tokenizer`` (jieba's default one unless given), reading jieba's
    cache in one piece when there is one; otherwise as jieba does."""
    if tokenizer.initialized:
        return
    use_cache_dir(tokenizer)
    path = cache_path(tokenizer)
    loaded = read_cache(path) if path else None
    if loaded is None:
        if path and os.path.exists(path):
            _remove(path)  # jieba would load a well-formed wrong cache as it is; make it rebuild
        tokenizer.initialize()
        return
    with tokenizer.lock:
        if not tokenizer.initialized:
            tokenizer.FREQ, tokenizer.total = loaded
            tokenizer.initialized = True


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:  # another process replaced it first, or it is not ours to remove
        pass


# -- the dictionary by first character ---------------------------------------------------
#
# A document's segmented clauses start words with a few hundred to a thousand and a half
# distinct characters, out of the 11,772 that start a word of jieba's dictionary: a parse
# of one file looks up about half of the dictionary. ``load_dictionary_by_character``
# keeps jieba's cache split by a word's first character (``jieba-shards.cache`` beside
# it, made from it once) and puts a character's words (and prefixes) into the
# tokenizer's own ``FREQ`` dict just before jieba first needs them: before ``get_DAG``
# of a text holding that character (every ``FREQ`` lookup of a cut, ``calc`` included, is
# of a part of that text), ``add_word`` of a word starting with it (so a user word never
# hides the dictionary's frequency of its prefixes) and ``suggest_freq``. ``FREQ`` stays a
# plain dict, so segmenting is as fast as before, and the words are the same, so are
# the cuts. Only code reading ``FREQ`` directly (``jieba.get_FREQ``) could see a word
# missing: policykg never does.

SHARDS_NAME = "jieba-shards.cache"


def _signature(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def read_shards(path: str, signature: tuple[int, int]) -> tuple[int, dict[str, bytes]] | None:
    """(total frequency, first character -> marshalled words) from a shard file made
    from the cache whose (size, mtime) is ``signature``; None if missing, stale or not one."""
    try:
        with open(path, "rb") as f:
            sig, total, table = marshal.loads(f.read())
        if tuple(sig) != signature or not isinstance(total, int):
            return None
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(table, dict) or not table or not all(type(v) is bytes for v in table.values()):
        return None
    return total, table


def write_shards(path: str, signature: tuple[int, int], freq: dict[str, int], total: int) -> None:
    """Write the shard file for ``freq`` (atomically; silently not when it cannot be)."""
    by_char: dict[str, dict[str, int]] = {}
    for word, n in freq.items():
        by_char.setdefault(word[0], {})[word] = n
    table = {ch: marshal.dumps(words) for ch, words in by_char.items()}
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".jieba-shards.")
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps((signature, total, table)))
        os.replace(tmp, path)
    except OSError:
        pass


class _ByCharacter:
    """Fills ``tokenizer.FREQ`` by first character ahead of jieba's own methods."""

    WRAPPED = ("get_DAG", "add_word", "suggest_freq")

    def __init__(self, tokenizer: jieba.Tokenizer, table: dict[str, bytes]):
        self.tokenizer, self.table = tokenizer, table
        self.original = {name: getattr(tokenizer, name) for name in self.WRAPPED}
        for name in self.WRAPPED:
            setattr(tokenizer, name, getattr(self, name))

    def need(self, text: str) -> None:
        table = self.table
        chars = [c for c in set(text) if c in table]
        if not chars:
            return
        freq = self.tokenizer.FREQ
        for c in chars:
            freq.update(marshal.loads(table.pop(c)))
        if not table:  # everything is in: jieba's own methods again
            for name in self.WRAPPED:
                delattr(self.tokenizer, name)

    def get_DAG(self, sentence):  # noqa: N802 - jieba's name
        self.need(sentence)
        return self.original["get_DAG"](sentence)

    def add_word(self, word, freq=None, tag=None):
        self.need(word)
        return self.original["add_word"](word, freq, tag)

    def suggest_freq(self, segment, tune=False):
        self.need(segment if isinstance(segment, str) else "".join(segment))
        return self.original["suggest_freq"](segment, tune)


def load_dictionary_by_character(tokenizer: jieba.Tokenizer = jieba.dt) -> None:
    """Initialise ``tokenizer`` so that it reads its words by first character when it
    needs them (see above); the first time, load it whole and write the shard file."""
    if tokenizer.initialized:
        return
    use_cache_dir(tokenizer)
    path = cache_path(tokenizer)
    signature = _signature(path) if path else None
    shards_path = os.path.join(os.path.dirname(path), SHARDS_NAME) if path else None
    loaded = read_shards(shards_path, signature) if signature else None
    if loaded is None:
        load_dictionary(tokenizer)
        signature = _signature(path) if path else None
        if signature and tokenizer.dictionary == jieba.DEFAULT_DICT:
            write_shards(shards_path, signature, tokenizer.FREQ, tokenizer.total)
        return
    total, table = loaded
    with tokenizer.lock:
        if not tokenizer.initialized:
            tokenizer.FREQ, tokenizer.total = {}, total
            _ByCharacter(tokenizer, table)
            tokenizer.initialized = True


@lru_cache(maxsize=1)
def policy_jieba():
    """jieba as the parser and the search index both cut with it: jieba's own dictionary
    (read by first character, above) and the agency names of ``pipeline/data``; once per process."""
    jieba.setLogLevel(60)
    load_dictionary_by_character()  # before anything makes jieba load it the slow way
    with resources.as_file(resources.files("pipeline.data").joinpath("jieba_agencies.txt")) as path:
        jieba.load_userdict(str(path))
    return jieba
