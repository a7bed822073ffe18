"""Which graph id a document gets, and which document a cited title names.

graph_schema/MODEL.md ("Document identity" and "Link resolution") explains the rules;
in short:

* An ingested document's id is ``doc-`` + sha1 of its normalised title, the id a
  citation of that title gives its stub, so a stub becomes the full document in
  place. It keeps that id when it is ingested again: a record from the same source
  file, or with the same content (``fingerprint``), or with the same title, issuer,
  date and 文号 as the document holding it, *is* that document and replaces it.
* A different document whose title gives an id already held is not merged: it gets
  an id of its own (sha1 of title, issuer, date, 文号 and source) and ingest says so.
* A cited title links to the one ingested document it names: the same normalised
  title (a 关于… title also meets a document titled 关于… whose issuer the citation
  puts before it); a title cited without its issuer (《关于…的意见》) meets the one
  document whose title is that title after its issuer. Only documents a citing
  document of its region can mean count: national ones, those of its region, and
  (for a title cited whole) those whose title names their place. Two candidates,
  or none: a stub. A place's document whose title does not name its place gets an
  id of its own (not the title's), so another place's stub of that title is never
  turned into it.

``Registry`` holds what the store (and the run so far) knows of each Document;
everything else here is pure.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from pipeline.model import Record
from pipeline.parse.metadata import place_of
from pipeline.parse.titles import document_id, normalise_title

_ABOUT = "关于"


def _sha(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def fingerprint(record: Record) -> str:
    """16 hex of sha1 of the record's content (its contract JSON without source and id)."""
    data = record.to_dict()
    data.pop("text", None)  # the cleaned text the record keeps: derived, not content of its own
    data["document"] = {k: v for k, v in data["document"].items() if k not in ("source", "id")}
    return _sha(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str))


def bare_title(key: str) -> bool:
    """A normalised title that names no issuer: 关于… (or one without 关于 at all)."""
    return key.startswith(_ABOUT) or _ABOUT not in key


def without_issuer(key: str) -> Optional[str]:
    """国务院关于加快…的意见 -> 关于加快…的意见; None when no issuer heads the title."""
    i = key.find(_ABOUT)
    return key[i:] if i > 0 else None


def title_keys(title: str, issuer: Optional[str]) -> set[str]:
    """The normalised titles a document answers to: its own, and for a 关于… title
    the title with its issuer before it (关于X, issuer 国务院 -> 国务院关于X too)."""
    key = normalise_title(title)
    keys = {key} if key else set()
    if key.startswith(_ABOUT) and issuer:
        keys.add(normalise_title(issuer) + key)
    return keys


@dataclass
class Entry:
    """What identity and linking need of one Document node."""

    id: str
    title: str
    stub: bool
    issuer: Optional[str] = None
    date: Optional[str] = None
    number: Optional[str] = None
    region: Optional[str] = None
    level: Optional[str] = None
    source: Optional[str] = None
    fingerprint: Optional[str] = None

    @property
    def key(self) -> str:
        return normalise_title(self.title)

    @property
    def national(self) -> bool:
        return self.level == "national" or self.region in (None, "", "全国")

    @property
    def placed(self) -> bool:
        """Its title says where it is from (青岛市…, 黄岛区…): no other place's document has it."""
        named = not self.title.startswith(_ABOUT) and place_of(self.title) is not None
        return named or bool(self.region and self.region[:2] in self.title)

    def fits(self, region: Optional[str], exact: bool) -> bool:
        """May a document of ``region`` mean this one by its title? A national document,
        one of the same region, or (a title cited whole) one whose title names its place."""
        return self.national or bool(region and self.region == region) or (exact and self.placed)


def same_document(a: Entry, b: Entry) -> bool:
    """Two records of one document: same source, same content, or the same title with
    issuer, date and 文号 agreeing (at least one of them stated by both, none differing)."""
    if a.source and a.source == b.source:
        return True
    if a.fingerprint and a.fingerprint == b.fingerprint:
        return True
    if a.key != b.key:
        return False
    agree = 0
    for x, y in ((a.issuer and normalise_title(a.issuer), b.issuer and normalise_title(b.issuer)),
                 (a.date, b.date), (a.number, b.number), (a.region, b.region)):
        if x and y:
            if x != y:
                return False
            agree += 1
    return agree >= 2  # the region alone (or the issuer alone, often 国务院) is no proof


@dataclass
class Identity:
    """The id a record is written under, and a line to tell the user, if any."""

    id: str
    fingerprint: str
    note: Optional[str] = None


@dataclass
class Relink:
    """Citations of stub ``stub`` that now name the ingested document ``target``."""

    stub: str
    target: str
    documents: list[str] = field(default_factory=list)  # citing Document ids
    measures: list[str] = field(default_factory=list)  # citing Measure ids


class Registry:
    """The Documents known so far (from the store, then from this run)."""

    def __init__(self, entries: Iterable[Entry] = ()):
        self.entries: dict[str, Entry] = {}
        self._by_key: dict[str, set[str]] = defaultdict(set)  # full documents by title key
        self._by_core: dict[str, set[str]] = defaultdict(set)  # … by title without issuer
        self._by_source: dict[str, str] = {}
        self._by_print: dict[str, str] = {}
        for e in entries:
            self._put(e)

    # -- bookkeeping ------------------------------------------------------------------
    def _put(self, e: Entry) -> None:
        old = self.entries.get(e.id)
        if old is not None and not old.stub:
            for k in title_keys(old.title, old.issuer):
                self._by_key[k].discard(old.id)
                core = without_issuer(k)
                if core:
                    self._by_core[core].discard(old.id)
            # its earlier sources and contents still name it (one document, several files)
        self.entries[e.id] = e
        if not e.stub:
            if e.source:
                self._by_source[e.source] = e.id
            if e.fingerprint:
                self._by_print[e.fingerprint] = e.id
            for k in title_keys(e.title, e.issuer):
                self._by_key[k].add(e.id)
                core = without_issuer(k)
                if core:
                    self._by_core[core].add(e.id)

    def full(self) -> list[Entry]:
        return [e for e in self.entries.values() if not e.stub]

    # -- identity ---------------------------------------------------------------------
    def assign(self, record: Record, known_fingerprint: Optional[str] = None) -> Identity:
        """The id ``record`` is written under (and it is noted as that document);
        ``known_fingerprint``: its ``fingerprint``, if computed already (in a worker)."""
        doc = record.document
        new = Entry(id="", title=doc.title, stub=False, issuer=doc.issuer, date=doc.date,
                    number=getattr(doc, "number", None), region=doc.region, level=doc.level,
                    source=doc.source or None, fingerprint=known_fingerprint or fingerprint(record))
        note = None
        same = (self._by_source.get(new.source or "") or self._by_print.get(new.fingerprint)
                or next((i for i in sorted(self._by_key.get(new.key, ()))
                         if self.entries[i].key == new.key and same_document(self.entries[i], new)),
                        None))
        if same is not None:
            new.id = same
        else:
            base = document_id(doc.title)
            if not (new.national or new.placed):
                # a place's document under a title that does not name it (“十四五”生态环境保护规划
                # of a city): not the id another place's citation of that title gives its stub
                base = "doc-" + _sha(new.key, "@", new.region or "")
            held = self.entries.get(base)
            if held is None or held.stub:
                new.id = base
            else:
                parts = [new.key, normalise_title(new.issuer or ""), new.date or "", new.number or "",
                         new.source or new.fingerprint or ""]
                n = 0
                new.id = "doc-" + _sha(*parts)
                while new.id in self.entries and not self.entries[new.id].stub:
                    n += 1
                    new.id = "doc-" + _sha(*parts, str(n))
            twin = next((self.entries[i] for i in sorted(self._by_key.get(new.key, ()))
                         if self.entries[i].key == new.key), None)
            if twin is not None:
                note = (f"policykg: note: {new.source or doc.title}: another document "
                        f"({twin.source or twin.id}) has the same title {doc.title!r}; "
                        f"both are kept, this one as {new.id}")
        self._put(new)
        return Identity(id=new.id, fingerprint=new.fingerprint, note=note)

    # -- links ------------------------------------------------------------------------
    def resolve(self, title: str, region: Optional[str] = None) -> Optional[str]:
        """The id of the one ingested document ``title`` names (cited by a document of
        ``region``), or None: no such document, or more than one."""
        key = normalise_title(title)
        if not key:
            return None
        exact = self._by_key.get(key, set())
        if exact:
            found = [i for i in exact if self.entries[i].fits(region, exact=True)]
            return found[0] if len(found) == 1 else None
        if not key.startswith(_ABOUT):
            return None
        found = [i for i in self._by_core.get(key, ()) if self.entries[i].fits(region, exact=False)]
        return found[0] if len(found) == 1 else None

    def link(self, title: str, region: Optional[str] = None) -> str:
        """The node a citation of ``title`` points to: the document it names, else a stub.

        The stub's id is that of the title, unless a full document holds that id (it
        has another title now, or shares it with another document: a citation of it
        is ambiguous); then an id of the stub's own.
        """
        found = self.resolve(title, region)
        if found is not None:
            return found
        sid = document_id(title)
        held = self.entries.get(sid)
        if held is not None and not held.stub:
            sid = "doc-" + _sha("cited", normalise_title(title))
        if sid not in self.entries:
            self.entries[sid] = Entry(id=sid, title=title, stub=True)
        return sid

    def relinks(self, citations: Iterable[tuple[str, str, str, Optional[str]]]) -> list[Relink]:
        """Which stubs' citations now name an ingested document.

        ``citations``: (stub id, stub title, citing node id, citing document id) for
        each IMPLEMENTS or REFERENCES into a stub; a citing node that is a Measure has
        its document's id as the last item, a citing Document None.
        """
        out: dict[tuple[str, str], Relink] = {}
        for stub, title, node, doc in citations:
            citing = doc or node
            e = self.entries.get(citing)
            target = self.resolve(title, e.region if e else None)
            if target is None or target == citing or target == stub:
                continue
            r = out.setdefault((stub, target), Relink(stub=stub, target=target))
            (r.measures if doc else r.documents).append(node)
        return list(out.values())

    @classmethod
    def from_rows(cls, rows: Iterable[list[Any]]) -> "Registry":
        """From rows of ``STORE_DOCUMENTS``."""
        return cls(Entry(id=r[0], title=r[1] or "", stub=bool(r[2]), issuer=r[3], date=r[4],
                         region=r[5], level=r[6], source=r[7], fingerprint=r[8]) for r in rows)


STORE_DOCUMENTS = ("MATCH (d:Document) RETURN d.id, d.title, d.stub, d.issuer, d.date, d.region, "
                   "d.level, d.source, d.fingerprint")
