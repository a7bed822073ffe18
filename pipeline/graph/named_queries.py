"""Named research queries: the ``queries/*.cypher`` files and their parameters.

Each file starts with a header of ``//`` comment lines (queries/README.md gives
the format)::

    // name: agencies-leading-most-tasks
    // title: Agencies ranked by the tasks they lead
    // answers: Which agencies lead the most tasks, ...
    // param: limit: int = 20 — how many agencies to list
    // example: limit=5

followed by one Cypher statement that runs unchanged on the embedded store and on
Neo4j. Besides ``int``, ``float``, ``string`` and ``bool``, a parameter's type may be
a list of allowed values (``level: national|provincial|city|district = null``), or
``document``, ``agency`` or ``indicator``: a text matched by part of a name, the
same way in every query (``LOOKUPS``; pipeline/graph/lookups.py tells a user when
nothing matches). An ``indicator`` parameter ``x`` comes with ``$x_keys``, the
normalised names the text stands for (pipeline/graph/indicators.py), so
``细颗粒物`` finds the PM2.5 targets. ``list_queries`` and ``get_query`` read the files; ``bind`` merges a
query's defaults with the values a user gives (``-p key=value`` on the command
line) and checks them, so the statement only ever sees typed parameters.
"""
from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

import pipeline
from pipeline.errors import InputError, PolicykgError

QUERIES_ENV = "POLICYKG_QUERIES_DIR"
SUFFIX = ".cypher"
TYPES: dict[str, type] = {"int": int, "float": float, "string": str, "bool": bool}
#: Parameter types matched by part of a name: what they match, in every query.
LOOKUPS: dict[str, str] = {
    "document": "a document's id, or a part of its title",
    "agency": "a part of an agency's canonical name or of the way a document mentions it",
    "indicator": "a part of an indicator's name (normalised, or as a document words it; "
                 "synonyms count: 细颗粒物 finds PM2.5浓度)",
}
KEYS_SUFFIX = "_keys"  # an indicator parameter x brings $x_keys
WORDS = "words"  # a text searched word by word: a parameter x of this type brings $x_words
WORDS_SUFFIX = "_words"  # (its jieba words, as the searchText property holds them: search_text.py)

_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HEADER_LINE = re.compile(r"^//\s?(?:(?P<key>[a-z]+):)?(?P<value>.*)$")
# "limit: int = 20 — how many rows"; no "= …" makes the parameter required.
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>[A-Za-z0-9_.-]+(?:\s*\|\s*[A-Za-z0-9_.-]+)*)"
    r"(?:\s*=\s*(?P<default>.*?))?"
    r"(?:\s+(?:—|--)\s+(?P<help>.*))?$"
)
_KEYS = ("name", "title", "answers", "param", "example")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str  # int | float | string | bool
    default: Any = None
    required: bool = False
    description: str = ""
    choices: tuple[str, ...] = ()  # the allowed values, when the header lists them
    lookup: Optional[str] = None  # document | agency | indicator: matched by part of a name
    words: bool = False  # type ``words``: brings $NAME_words

    @property
    def shown_type(self) -> str:
        """The type as ``query NAME --help`` shows it."""
        if self.choices:
            return "one of " + ", ".join(self.choices)
        if self.words:
            return WORDS
        return self.lookup or self.type

    def to_dict(self) -> dict[str, Any]:
        out = {"name": self.name, "type": self.type, "default": self.default,
               "required": self.required, "description": self.description}
        if self.choices:
            out["choices"] = list(self.choices)
        if self.lookup:
            out["matches"] = self.lookup
        return out


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: dict[str, Any]  # name -> default (None for required ones)
    cypher: str  # the statement, header removed
    path: Path
    specs: tuple[Parameter, ...] = field(default=(), compare=False)
    example: dict[str, str] = field(default_factory=dict, compare=False)  # -p values to try

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.specs if p.required)

    def to_dict(self) -> dict[str, Any]:
        """What ``policykg query --list --format json`` prints for this query."""
        return {"name": self.name, "title": self.title, "description": self.description,
                "parameters": [p.to_dict() for p in self.specs], "example": dict(self.example)}


def queries_dir() -> Path:
    """``$POLICYKG_QUERIES_DIR`` if set, else the repository's ``queries/``."""
    env = os.environ.get(QUERIES_ENV)
    if env:
        return Path(env)
    return Path(pipeline.__file__).resolve().parents[1] / "queries"


def _folder(directory: Optional[Path]) -> Path:
    folder = Path(directory) if directory is not None else queries_dir()
    if not folder.is_dir():
        raise PolicykgError("no named-query folder", path=str(folder),
                            hint=f"set {QUERIES_ENV} to the folder holding the .cypher files")
    return folder


def list_queries(directory: Optional[Path] = None) -> list[NamedQuery]:
    """Every named query in the folder, sorted by name."""
    folder = _folder(directory)
    return sorted((parse_query_file(p) for p in folder.glob(f"*{SUFFIX}")),
                  key=lambda q: q.name)


def get_query(name: str, directory: Optional[Path] = None) -> NamedQuery:
    """The query called ``name``; an unknown name is an error naming the near ones."""
    folder = _folder(directory)
    path = folder / f"{name}{SUFFIX}"
    if _NAME.match(name or "") and path.is_file():
        return parse_query_file(path)
    known = sorted(p.stem for p in folder.glob(f"*{SUFFIX}"))
    near = difflib.get_close_matches(name or "", known, n=3, cutoff=0.5)
    near += [k for k in known if name and name in k and k not in near][: 3 - len(near)]
    did_you_mean = f"did you mean {', '.join(near)}? " if near else ""
    raise PolicykgError(f"no named query {name!r}",
                        hint=f"{did_you_mean}run `policykg query --list` to see them all")


def parse_query_file(path: Path) -> NamedQuery:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicykgError(f"cannot read named query: {exc}", path=str(path)) from exc
    return parse_query(text, path)


def parse_query(text: str, path: Path) -> NamedQuery:
    """Split ``text`` into its header and its Cypher statement and check both."""
    lines = text.splitlines()
    fields: dict[str, list[str]] = {k: [] for k in _KEYS}
    last = None
    n = 0
    for n, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            last = None
            continue
        if not stripped.startswith("//"):
            break
        m = _HEADER_LINE.match(stripped)
        key, value = m.group("key"), m.group("value").strip()
        if key in _KEYS:
            fields[key].append(value)
            last = key
        elif key is None and last in ("answers", "title") and value:
            fields[last][-1] += " " + value  # a continuation line
        elif key is None and not value:
            last = None  # a bare "//" ends a continued field
        elif key is not None:
            _bad(path, f"unknown header key {key!r} on line {n + 1} "
                       f"(known: {', '.join(_KEYS)})")
        # other comment lines are notes for readers of the file
    else:
        n = len(lines)
    cypher = "\n".join(lines[n:]).strip()

    name = _one(fields, "name", path)
    if name != path.stem:
        _bad(path, f"header name {name!r} differs from the file name {path.stem!r}")
    if not _NAME.match(name):
        _bad(path, f"name {name!r} must be lower-case words joined by '-'")
    title = _one(fields, "title", path)
    answers = " ".join(fields["answers"])
    if not answers:
        _bad(path, "header lacks '// answers: …'")
    if not cypher:
        _bad(path, "no Cypher statement after the header")

    specs = tuple(_parse_param(v, path) for v in fields["param"])
    names = [p.name for p in specs]
    if len(set(names)) != len(names):
        _bad(path, "a parameter is declared twice")
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", cypher))
    used -= {p.name + KEYS_SUFFIX for p in specs if p.lookup == "indicator"}
    used |= {p.name for p in specs if p.words and p.name + WORDS_SUFFIX in used}  # $x_words uses x
    used -= {p.name + WORDS_SUFFIX for p in specs if p.words}
    if used != set(names):
        missing, unused = sorted(used - set(names)), sorted(set(names) - used)
        _bad(path, "header parameters do not match the statement "
                   f"(undeclared: {missing or 'none'}; unused: {unused or 'none'})")
    if len(fields["example"]) > 1:
        _bad(path, "header has more than one '// example: …' line")
    example: dict[str, str] = {}
    for item in " ".join(fields["example"]).split():
        key, eq, value = item.partition("=")
        if not eq or not key:
            _bad(path, f"example {item!r} is not key=value")
        example[key] = value
    query = NamedQuery(name=name, title=title, description=answers,
                       parameters={p.name: p.default for p in specs},
                       cypher=cypher, path=path, specs=specs, example=example)
    if example or query.required:
        try:
            bind(query, example)
        except PolicykgError as exc:
            _bad(path, f"the example does not fit the parameters: {exc.bare}")
    return query


def _parse_param(value: str, path: Path) -> Parameter:
    m = _PARAM.match(value)
    if not m:
        _bad(path, f"cannot read parameter line {value!r}; "
                   "write 'NAME: TYPE = DEFAULT — description'")
    name, typ = m.group("name"), m.group("type")
    choices: tuple[str, ...] = ()
    lookup = None
    words = False
    if "|" in typ:
        choices = tuple(c.strip() for c in typ.split("|"))
        if len(set(choices)) != len(choices):
            _bad(path, f"parameter {name}: an allowed value is listed twice")
        typ = "string"
    elif typ in LOOKUPS:
        lookup, typ = typ, "string"
    elif typ == WORDS:
        words, typ = True, "string"
    elif typ not in TYPES:
        _bad(path, f"parameter {name}: type {typ!r} is not one of "
                   f"{', '.join([*TYPES, *LOOKUPS, WORDS])} or a list a|b|c of allowed values")
    raw = m.group("default")
    helptext = (m.group("help") or "").strip()
    if raw is None:
        return Parameter(name, typ, None, True, helptext, choices, lookup, words)
    try:
        default = json.loads(raw)
    except ValueError:
        _bad(path, f"parameter {name}: default {raw!r} is not a JSON literal "
                   '(write 20, 2.5, "text", true or null)')
    if default is not None and not _is_type(default, typ):
        _bad(path, f"parameter {name}: default {raw} is not {_a(typ)}")
    if default is not None and choices and default not in choices:
        _bad(path, f"parameter {name}: default {raw} is not one of {', '.join(choices)}")
    return Parameter(name, typ, default, False, helptext, choices, lookup, words)


def bind(query: NamedQuery, overrides: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
    """The query's defaults overlaid with ``overrides``, each checked and typed.

    Values may be strings (as ``-p key=value`` gives them) and are converted to
    the declared type; an unknown name, a value of the wrong type or a missing
    required parameter is a ``PolicykgError``.
    """
    overrides = dict(overrides or {})
    specs = {p.name: p for p in query.specs}
    unknown = sorted(k for k in overrides if k not in specs)
    if unknown:
        accepted = ", ".join(specs) or "none"
        raise PolicykgError(
            f"query {query.name} has no parameter {', '.join(unknown)} (it takes: {accepted})",
            hint=f"run `policykg query {query.name} --help` to see its parameters")
    out: dict[str, Any] = {}
    for name, spec in specs.items():
        if name in overrides:
            out[name] = _convert(query, spec, overrides[name])
        elif spec.required:
            raise PolicykgError(f"query {query.name} needs parameter {name} ({spec.type})",
                                hint=f"give it as -p {name}=VALUE")
        else:
            out[name] = spec.default
        if spec.lookup == "indicator":
            out[name + KEYS_SUFFIX] = indicator_keys(out[name])
        if spec.words:
            from pipeline.graph.search_text import query_words

            out[name + WORDS_SUFFIX] = query_words(out[name] or "")
    return out


def indicator_keys(text: Optional[str]) -> list[str]:
    """``$x_keys`` of an indicator parameter ``x`` (pipeline/graph/indicators.py)."""
    from pipeline.graph.indicators import search_keys

    return search_keys(text or "")


def _convert(query: NamedQuery, spec: Parameter, value: Any) -> Any:
    if value is None:
        if spec.required:
            raise PolicykgError(f"query {query.name}: parameter {spec.name} needs a value")
        return None
    if spec.choices:
        if value not in spec.choices:
            raise InputError(f"query {query.name}: parameter {spec.name} must be one of "
                             f"{'/'.join(spec.choices)}, not {value!r}")
        return value
    if isinstance(value, str) and spec.type != "string":
        text = value.strip()
        try:
            if spec.type == "int":
                return int(text)
            if spec.type == "float":
                return float(text)
            if text.lower() in ("true", "yes", "1"):
                return True
            if text.lower() in ("false", "no", "0"):
                return False
        except ValueError:
            pass
        raise PolicykgError(f"query {query.name}: parameter {spec.name} must be "
                            f"{_a(spec.type)}, not {value!r}")
    if spec.type == "float" and _is_type(value, "int"):
        return float(value)
    if not _is_type(value, spec.type):
        raise PolicykgError(f"query {query.name}: parameter {spec.name} must be "
                            f"{_a(spec.type)}, not {value!r}")
    return value


def _is_type(value: Any, typ: str) -> bool:
    if typ == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if typ == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[typ])


def _a(typ: str) -> str:
    return {"int": "an integer", "float": "a number", "string": "a string",
            "bool": "true or false"}[typ]


def _one(fields: dict[str, list[str]], key: str, path: Path) -> str:
    values = fields[key]
    if len(values) != 1 or not values[0]:
        _bad(path, f"header needs exactly one '// {key}: …' line")
    return values[0]


def _bad(path: Path, message: str):
    raise PolicykgError(message, path=str(path), hint="fix the query file's header")
