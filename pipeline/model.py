"""Typed records passed between stages.

read  -> ``SourceText``   (text of a file and how it was read)
parse -> ``Record``       (the contract of ``policykg parse --format json``)
graph -> networkx graph built from ``Record``s (see ``pipeline.graph``)

``Record.to_dict()`` gives exactly the JSON of
``pipeline/data/policy-record.schema.json`` (snake_case keys); the graph uses
camelCase properties, following Neo4j convention.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional


_PROVENANCE = ("page", "paragraph", "start", "end", "sentence")


@dataclass
class SourceText:
    """A document's text as read from disk, before cleaning."""

    path: str
    text: str
    format: str  # text | html | pdf | docx
    encoding: Optional[str] = None
    published: Optional[str] = None  # a date the container states (HTML meta), YYYY-MM-DD
    # a PDF's page boundaries: the offset in ``text`` where each page begins (None: not a PDF)
    page_starts: Optional[list[int]] = None


@dataclass
class DocumentMeta:
    title: str
    issuer: Optional[str] = None
    date: Optional[str] = None
    region: Optional[str] = None
    level: Optional[str] = None  # national | provincial | city | district
    id: str = ""
    source: str = ""
    number: Optional[str] = None  # 文号, e.g. 国发〔2021〕23号
    kind: Optional[str] = None  # plan | programme | opinion | regulation | notice | guide | other
    effective: Optional[str] = None  # YYYY-MM-DD it takes effect (施行)


@dataclass
class DocRef:
    """A parent (implemented) or cited document."""

    title: str
    level: Optional[str] = None
    measure: Optional[int] = None  # for references: the measure citing it


@dataclass
class Section:
    index: int
    title: str
    number: str = ""


@dataclass
class Measure:
    index: int
    section: Optional[int]
    title: str
    number: str = ""
    text: str = ""
    # Provenance: where it is in the document (see docs/provenance.md)
    page: Optional[int] = None  # 1-based PDF page of its first character (None: not a PDF)
    paragraph: Optional[int] = None  # 0-based index of its paragraph (line) in the cleaned text
    start: Optional[int] = None  # character offsets [start, end) into the cleaned text
    end: Optional[int] = None


@dataclass
class AgencyRole:
    mention: str
    role: str  # lead | shared | support | implement | duty (a regulation's article)
    name: str = ""  # canonical full name
    collective: bool = False  # a class of bodies (各区人民政府, 有关部门), not one body
    system: Optional[str] = None  # line of work across levels (生态环境, 发展改革 …)


@dataclass
class Task:
    measure: Optional[int]
    index: int
    text: str
    agencies: list[AgencyRole] = field(default_factory=list)
    section: Optional[int] = None
    # Provenance: where it is in the document (see docs/provenance.md)
    page: Optional[int] = None  # 1-based PDF page of its first character (None: not a PDF)
    paragraph: Optional[int] = None  # 0-based index of its paragraph (line) in the cleaned text
    start: Optional[int] = None  # character offsets [start, end) into the cleaned text
    end: Optional[int] = None


@dataclass
class Target:
    measure: Optional[int]
    task: Optional[int]
    indicator: str
    value: float
    unit: str
    kind: str  # level | change
    direction: Optional[str]  # up | down | None
    comparator: str  # >= <= > < = ~
    year: Optional[int]
    baseline_year: Optional[int]
    value_text: str = ""
    text: str = ""
    section: Optional[int] = None
    baseline_value: Optional[float] = None  # an indicator table's 现状值, in the target's unit
    attribute: Optional[str] = None  # binding (约束性) | expected (预期性), from an indicator table
    # Provenance: where it is in the document (see docs/provenance.md)
    page: Optional[int] = None  # 1-based PDF page of its first character (None: not a PDF)
    paragraph: Optional[int] = None  # 0-based index of its paragraph (line) in the cleaned text
    start: Optional[int] = None  # character offsets [start, end) of value_text in the cleaned text
    end: Optional[int] = None
    sentence: str = ""  # the whole sentence holding the value


def _as_dict(value: Any) -> Any:
    """``dataclasses.asdict`` for the record's types (dataclasses, lists, plain values): the
    same dicts, without asdict's generic deep copy, which took 18% of an export's time."""
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _as_dict(getattr(value, name)) for name in fields}
    if isinstance(value, list):
        return [_as_dict(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_dict(v) for k, v in value.items()}
    return value


@dataclass
class Record:
    document: DocumentMeta
    parents: list[DocRef] = field(default_factory=list)
    references: list[DocRef] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    # the cleaned text the parser read, which provenance offsets point into (docs/provenance.md)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The contract JSON (policy-record.schema.json)."""
        d = _as_dict(self)
        d["parents"] = [{"title": p.title, "level": p.level} for p in self.parents]
        d["references"] = [{"title": r.title, "measure": r.measure} for r in self.references]
        for item in d["measures"] + d["tasks"] + d["targets"]:
            for k in _PROVENANCE:  # absent where the parser did not place it
                if item.get(k) in (None, ""):
                    item.pop(k, None)
        for t in d["targets"]:
            for k in ("baseline_value", "attribute"):  # only an indicator table gives them
                if t[k] is None:
                    del t[k]
            v = t["value"]
            if isinstance(v, float) and v.is_integer():
                t["value"] = int(v)
        if not d["text"]:
            del d["text"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Record":
        """Rebuild a record from its contract JSON (extra keys are ignored)."""

        def pick(klass, data):
            names = klass.__dataclass_fields__.keys()
            return klass(**{k: v for k, v in data.items() if k in names})

        return cls(
            document=pick(DocumentMeta, d["document"]),
            parents=[pick(DocRef, p) for p in d.get("parents", [])],
            references=[pick(DocRef, r) for r in d.get("references", [])],
            sections=[pick(Section, s) for s in d.get("sections", [])],
            measures=[pick(Measure, m) for m in d.get("measures", [])],
            tasks=[
                Task(**{**{k: v for k, v in t.items() if k in Task.__dataclass_fields__ and k != "agencies"},
                        "text": t.get("text", ""),
                        "agencies": [pick(AgencyRole, a) for a in t.get("agencies", [])]})
                for t in d.get("tasks", [])
            ],
            targets=[pick(Target, t) for t in d.get("targets", [])],
            text=d.get("text") or "",
        )
