"""`policykg export --format csv|xlsx`: the research tables on a small corpus of our own.

Three hand-built records (a national plan, a provincial plan implementing it and a plan
not ingested, a second provincial plan) are ingested into a real embedded store and a real
Neo4j server; the tables must hold exactly the rows worked out by hand below (one row
per task × agency, the provenance and indicator-table fields, the panel's strictest
value), the CSV must start with a BOM and keep to RFC 4180, the xlsx must read back
(openpyxl, as Excel would) to the CSV's cells, and Neo4j must give the same files.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.graph.embedded import EmbeddedStore
from pipeline.graph.ingest import ingest_records
from pipeline.graph.table_files import csv_cell
from pipeline.graph.tables import COLUMNS, TABLE_NAMES, panel_rows, reduce_cell, stricter_sense
from pipeline.model import AgencyRole, DocRef, DocumentMeta, Measure, Record, Section, Target, Task

REPO = Path(__file__).resolve().parents[1]

NATION = "国家节能降碳行动方案"
EAST = "东江省节能降碳实施方案"
EAST_AIR = "东江省空气质量改善行动计划"
ABSENT = "东江省生态环境保护规划"  # implemented by EAST, never ingested: a stub
QUOTED = 'PM2.5浓度降至33微克/立方米, 即"约束性"指标\n(表1)'  # a comma, quotes and a line break


def tg(indicator, value, unit, comparator, kind="level", direction=None, year=2025, **kw):
    return Target(measure=kw.pop("measure", 1), task=kw.pop("task", None), indicator=indicator, value=value,
                  unit=unit, kind=kind, direction=direction, comparator=comparator, year=year,
                  baseline_year=kw.pop("baseline_year", None), value_text=kw.pop("value_text", f"{value}{unit}"),
                  **kw)


def record(title, level, region, date, targets, tasks=(), parents=(), **meta):
    return Record(document=DocumentMeta(title=title, level=level, region=region, date=date, **meta),
                  parents=[DocRef(title=p) for p in parents],
                  sections=[Section(1, "主要任务", "一、")],
                  measures=[Measure(1, 1, "推进节能降碳", "（一）")],
                  tasks=list(tasks), targets=list(targets))


RECORDS = [
    record(NATION, "national", "全国", "2021-10-01", [
        tg("单位地区生产总值能耗", 13.5, "%", ">=", kind="change", direction="down", baseline_year=2020,
           value_text="下降13.5%"),
        tg("森林覆盖率", 24.1, "%", ">="),
    ], kind="plan", issuer="国务院"),
    record(EAST, "provincial", "东江省", "2022-03-01", [
        tg("单位地区生产总值能耗", 14, "%", ">=", kind="change", direction="down", baseline_year=2020,
           value_text="下降14%", task=1, page=3, paragraph=12, start=40, end=43,
           sentence="到2025年，全省单位地区生产总值能耗下降14%。"),
        tg("单位地区生产总值能耗", 13.5, "%", ">=", kind="change", direction="down"),
        tg("细颗粒物（PM2.5）浓度", 33, "微克/立方米", "<=", baseline_value=36.5, attribute="binding",
           value_text="33", sentence=QUOTED),
        tg("森林覆盖率", 25, "%", "~", value_text="25%左右"),
        tg("新能源汽车保有量", 1500000, "辆", ">=", year=None, value_text="150万辆"),
    ], tasks=[
        Task(1, 1, "加快工业节能改造。", agencies=[
            AgencyRole("各市人民政府", "implement", "各市人民政府", collective=True, system="政府"),
            AgencyRole("省发展改革委", "lead", "东江省发展和改革委员会", system="发展改革"),
        ], section=1, page=3, paragraph=12, start=30, end=50),
        Task(1, 2, "推进公共机构节能。", section=1),
    ], parents=[NATION, ABSENT], kind="plan", issuer="东江省人民政府", number="东政发〔2022〕5号",
        source="east.txt"),
    record(EAST_AIR, "provincial", "东江省", "2023-01-01", [
        tg("PM2.5浓度", 30, "微克/立方米", "<="),
        tg("森林覆盖率", 26, "%", "="),
    ], kind="plan"),
]


def run(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    return result


def read_csv(folder: Path, name: str) -> list[dict[str, str]]:
    raw = (folder / f"{name}.csv").read_bytes()
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tables") / "store"
    with EmbeddedStore(path) as s:
        ingest_records(s, RECORDS)
    return path


@pytest.fixture(scope="module")
def out(store, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("csv") / "tables"
    result = run("export", "--format", "csv", "-o", folder, "--store", store)
    assert result.exit_code == 0, result.output
    assert "rows: documents 4, tasks 3, targets 9, panel 5" in result.output
    return folder


@pytest.fixture(scope="module")
def ids(out) -> dict[str, str]:
    return {r["title"]: r["document_id"] for r in read_csv(out, "documents")}


# -- the documented columns are the written ones ---------------------------------------------

def documented_columns() -> dict[str, list[tuple[str, str]]]:
    text = (REPO / "docs" / "tables.md").read_text(encoding="utf-8")
    out: dict[str, list[tuple[str, str]]] = {}
    table = None
    for line in text.splitlines():
        head = re.match(r"^## `(\w+)`", line)
        if head:
            table = head.group(1)
            out[table] = []
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if table and len(cells) == 3 and cells[0].startswith("`"):
            out[table].append((cells[0].strip("`"), cells[1]))
    return out


def test_docs_tables_md_documents_every_written_column_with_its_type(out):
    docs = documented_columns()
    assert list(docs) == list(TABLE_NAMES)
    assert docs == COLUMNS
    for name in TABLE_NAMES:
        with open(out / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
            assert next(csv.reader(fh)) == [c for c, _ in docs[name]], name


# -- the files ---------------------------------------------------------------------------------

def test_csv_files_have_a_bom_crlf_lines_and_rfc4180_quoting(out):
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.csv" for n in TABLE_NAMES)
    for name in TABLE_NAMES:
        raw = (out / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name  # UTF-8 BOM: Excel reads the Chinese
        inner = 1 if name == "targets" else 0  # the one line break inside a quoted field stays \n
        assert raw.count(b"\r\n") >= 2 and raw.count(b"\n") == raw.count(b"\r\n") + inner, name
    raw = (out / "targets.csv").read_bytes().decode("utf-8-sig")
    assert '"PM2.5浓度降至33微克/立方米, 即""约束性""指标\n(表1)"' in raw  # quoted, quotes doubled
    assert [r["sentence"] for r in read_csv(out, "targets") if r["sentence"].startswith("PM2.5")] == [QUOTED]


def test_documents_one_row_each_with_parents_and_the_stub(out, ids):
    rows = {r["title"]: r for r in read_csv(out, "documents")}
    assert [r["title"] for r in read_csv(out, "documents")] == [NATION, EAST, EAST_AIR, ABSENT]  # by date
    assert rows[EAST] == {
        "document_id": ids[EAST], "title": EAST, "issuer": "东江省人民政府", "date": "2022-03-01",
        "region": "东江省", "level": "provincial", "kind": "plan", "number": "东政发〔2022〕5号",
        "effective": "", "stub": "0", "source": "east.txt",
        "parents": " | ".join([ids[ABSENT], ids[NATION]]), "parent_titles": f"{ABSENT} | {NATION}",
        "n_parents": "2", "n_measures": "1", "n_tasks": "2", "n_targets": "5"}
    assert rows[ABSENT]["stub"] == "1" and rows[ABSENT]["n_targets"] == "" and rows[ABSENT]["date"] == ""


def test_tasks_one_row_per_task_and_agency(out, ids):
    rows = read_csv(out, "tasks")
    common = {"document_id": ids[EAST], "document_title": EAST, "region": "东江省", "level": "provincial",
              "date": "2022-03-01", "section": "1", "measure": "1", "measure_number": "（一）",
              "measure_title": "推进节能降碳"}
    first = {**common, "task_id": f"{ids[EAST]}/m1/t1", "task": "1", "task_text": "加快工业节能改造。",
             "n_agencies": "2", "page": "3", "paragraph": "12", "char_start": "30", "char_end": "50"}
    assert rows == [
        {**first, "agency": "东江省发展和改革委员会", "agency_mention": "省发展改革委", "role": "lead",
         "agency_system": "发展改革", "collective": "0"},
        {**first, "agency": "各市人民政府", "agency_mention": "各市人民政府", "role": "implement",
         "agency_system": "政府", "collective": "1"},
        {**common, "task_id": f"{ids[EAST]}/m1/t2", "task": "2", "task_text": "推进公共机构节能。",
         "agency": "", "agency_mention": "", "role": "", "agency_system": "", "collective": "",
         "n_agencies": "0", "page": "", "paragraph": "", "char_start": "", "char_end": ""},
    ]


def test_targets_exact_rows_with_provenance_and_table_fields(out, ids):
    rows = {r["target_id"]: r for r in read_csv(out, "targets")}
    assert len(rows) == 9
    doc = {"document_id": ids[EAST], "document_title": EAST, "region": "东江省", "level": "provincial",
           "date": "2022-03-01", "section": "1", "measure": "1", "measure_number": "（一）",
           "measure_title": "推进节能降碳"}
    assert rows[f"{ids[EAST]}/tg1"] == {
        **doc, "target_id": f"{ids[EAST]}/tg1", "indicator": "单位GDP能耗", "indicator_text": "单位地区生产总值能耗",
        "value": "14", "unit": "%", "kind": "change", "direction": "down", "comparator": ">=", "year": "2025",
        "baseline_year": "2020", "baseline_value": "", "attribute": "", "value_text": "下降14%", "task": "1",
        "page": "3", "paragraph": "12", "char_start": "40", "char_end": "43",
        "sentence": "到2025年，全省单位地区生产总值能耗下降14%。"}
    assert rows[f"{ids[EAST]}/tg3"] == {
        **doc, "target_id": f"{ids[EAST]}/tg3", "indicator": "PM2.5浓度", "indicator_text": "细颗粒物（PM2.5）浓度",
        "value": "33", "unit": "微克/立方米", "kind": "level", "direction": "", "comparator": "<=", "year": "2025",
        "baseline_year": "", "baseline_value": "36.5", "attribute": "binding", "value_text": "33", "task": "",
        "page": "", "paragraph": "", "char_start": "", "char_end": "", "sentence": QUOTED}
    assert rows[f"{ids[NATION]}/tg1"]["value"] == "13.5"
    assert rows[f"{ids[EAST]}/tg5"]["value"] == "1500000" and rows[f"{ids[EAST]}/tg5"]["year"] == ""


def test_panel_reduces_each_cell_to_its_strictest_value(out, ids):
    rows = read_csv(out, "panel")
    key = ("indicator", "region", "level", "year", "kind", "unit", "direction", "value", "rule",
           "value_min", "value_max", "n_targets", "n_documents", "documents")
    assert [tuple(r[k] for k in key) for r in rows] == [
        # PM2.5: two ceilings of 东江省 in two documents: the lower one asks more
        ("PM2.5浓度", "东江省", "provincial", "2025", "level", "微克/立方米", "", "30", "min", "30", "33", "2", "2",
         " | ".join(sorted([ids[EAST], ids[EAST_AIR]]))),
        # 单位GDP能耗: two falls in one document: the larger one asks more
        ("单位GDP能耗", "东江省", "provincial", "2025", "change", "%", "down", "14", "max", "13.5", "14", "2", "1",
         ids[EAST]),
        ("单位GDP能耗", "全国", "national", "2025", "change", "%", "down", "13.5", "same", "13.5", "13.5", "1", "1",
         ids[NATION]),
        # 森林覆盖率 25 (~) beside 26 (=): no way to rank them
        ("森林覆盖率", "东江省", "provincial", "2025", "level", "%", "", "", "mixed", "25", "26", "2", "2",
         " | ".join(sorted([ids[EAST], ids[EAST_AIR]]))),
        ("森林覆盖率", "全国", "national", "2025", "level", "%", "", "24.1", "same", "24.1", "24.1", "1", "1",
         ids[NATION]),
    ]
    assert not any(r["indicator"] == "新能源汽车保有量" for r in rows)  # no year: in no cell


def test_stricter_sense_and_cell_reduction_on_rows_of_our_own():
    assert stricter_sense({"kind": "change", "comparator": ">=", "direction": "down"}) == "max"
    assert stricter_sense({"kind": "level", "comparator": "<="}) == "min"
    assert stricter_sense({"kind": "level", "comparator": ">"}) == "max"
    assert stricter_sense({"kind": "level", "comparator": "=", "direction": "up"}) == "max"
    assert stricter_sense({"kind": "level", "comparator": "~", "direction": "down"}) == "min"
    assert stricter_sense({"kind": "level", "comparator": "~"}) is None
    floor, ceiling = {"kind": "level", "comparator": ">="}, {"kind": "level", "comparator": "<="}
    assert reduce_cell([{**floor, "value": 3.0}, {**floor, "value": 5.0}]) == (5.0, "max")
    assert reduce_cell([{**ceiling, "value": 3.0}, {**ceiling, "value": 5.0}]) == (3.0, "min")
    assert reduce_cell([{**floor, "value": 3.0}, {**ceiling, "value": 5.0}]) == (None, "mixed")
    assert reduce_cell([{**floor, "value": 4.0}, {**ceiling, "value": 4.0}]) == (4.0, "same")
    base = {"indicator": "X", "region": "甲市", "level": "city", "year": 2025, "kind": "level", "direction": None,
            "document_id": "d1"}
    cells = panel_rows([{**base, **floor, "unit": "%", "value": 1.0}, {**base, **floor, "unit": "吨", "value": 2.0},
                        {**base, **floor, "unit": "%", "value": 3.0, "year": None},
                        {**base, **floor, "unit": "%", "value": 3.0, "region": None}])
    assert [(c["unit"], c["value"], c["n_targets"]) for c in cells] == [("%", 1.0, 1), ("吨", 2.0, 1)]


# -- xlsx ----------------------------------------------------------------------------------------

def xlsx_cells(path: Path) -> dict[str, list[list[str]]]:
    """Each sheet's cells as Excel shows them (openpyxl), in the CSV's text."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return {ws.title: [[csv_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
            for ws in wb.worksheets}


def csv_cells(folder: Path, name: str) -> list[list[str]]:
    with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_xlsx_holds_the_csv_cells_numbers_as_numbers_and_a_frozen_header(store, out, tmp_path):
    from openpyxl import load_workbook

    book = tmp_path / "tables.xlsx"
    result = run("export", "--format", "xlsx", "-o", book, "--store", store)
    assert result.exit_code == 0, result.output
    cells = xlsx_cells(book)
    assert list(cells) == list(TABLE_NAMES)
    for name in TABLE_NAMES:
        assert cells[name] == csv_cells(out, name), name
    wb = load_workbook(book)
    targets = wb["targets"]
    assert all(ws.freeze_panes == "A2" for ws in wb.worksheets)
    header = [c.value for c in targets[1]]
    row = {h: c.value for h, c in zip(header, targets[2])}
    assert isinstance(row["value"], (int, float)) and isinstance(row["year"], int)
    assert row["date"] == "2021-10-01"  # ISO text, not a date serial
    assert row["comparator"] == ">=" and wb["targets"]["A1"].font.bold


def test_table_picks_tables_and_bad_output_gets_one_line(store, tmp_path):
    folder = tmp_path / "some"
    result = run("export", "--format", "csv", "-o", folder, "--table", "panel", "--table", "targets",
                 "--store", store)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["panel.csv", "targets.csv"]
    book = tmp_path / "one.xlsx"
    assert run("export", "--format", "xlsx", "-o", book, "--table", "tasks", "--store", store).exit_code == 0
    assert list(xlsx_cells(book)) == ["tasks"]

    missing = run("export", "--format", "csv", "--store", store)
    assert missing.exit_code == 2 and "give -o with a folder for the CSV files" in missing.output
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    not_dir = run("export", "--format", "csv", "-o", a_file, "--store", store)
    assert not_dir.exit_code == 2 and "is a file, not a folder" in not_dir.output
    assert "Traceback" not in not_dir.output and len(not_dir.output.strip().splitlines()) <= 2
    nowhere = run("export", "--format", "xlsx", "-o", tmp_path / "no-such-folder" / "t.xlsx", "--store", store)
    assert nowhere.exit_code == 2 and "cannot write" in nowhere.output and "Traceback" not in nowhere.output
    graph_table = run("export", "--format", "graphml", "--table", "panel", "--store", store)
    assert graph_table.exit_code == 2 and "--format csv or xlsx" in graph_table.output


# -- the same from Neo4j -------------------------------------------------------------------------

def test_neo4j_gives_the_same_tables(out, neo4j_server, tmp_path):
    from pipeline.graph.neo4j_store import open_neo4j

    uri, user, password = neo4j_server
    with open_neo4j(uri, user=user, password=password) as neo:
        neo.run("MATCH (n) DETACH DELETE n")
        ingest_records(neo, RECORDS)
    env = {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
    folder = tmp_path / "neo"
    result = run("export", "--format", "csv", "-o", folder, "--neo4j", env=env)
    assert result.exit_code == 0, result.output
    for name in TABLE_NAMES:
        assert (folder / f"{name}.csv").read_bytes() == (out / f"{name}.csv").read_bytes(), name
    book = tmp_path / "neo.xlsx"
    assert run("export", "--format", "xlsx", "-o", book, "--neo4j", env=env).exit_code == 0
    cells = xlsx_cells(book)
    for name in TABLE_NAMES:
        assert cells[name] == csv_cells(out, name), name


def test_xlsx_text_starting_with_equals_is_text_and_control_characters_are_dropped(tmp_path):
    from openpyxl import load_workbook

    from pipeline.graph.table_files import write_xlsx_tables
    from pipeline.graph.tables import Table, _clean

    assert _clean("甲\x01乙\x0b丙\t丁") == "甲乙丙\t丁" and _clean(True) == 1 and _clean(2.5) == 2.5
    book = tmp_path / "t.xlsx"
    write_xlsx_tables([Table("t", ["a", "b", "c"], [["=1+1", 2.5, None], ["x" * 40000, 3, "2025-01-01"]])], book)
    ws = load_workbook(book)["t"]
    assert (ws["A2"].value, ws["A2"].data_type) == ("=1+1", "s")  # never a formula
    assert (ws["B2"].value, ws["B2"].data_type, ws["C2"].value) == (2.5, "n", None)
    assert len(ws["A3"].value) == 32767 and ws["A3"].value.endswith("…")  # Excel's cell limit
    assert ws["C3"].value == "2025-01-01"


def test_the_cli_offers_exactly_the_tables_there_are():
    from pipeline.cli.graph_cmds import _TABLE_NAMES  # kept apart so the CLI starts without networkx

    assert _TABLE_NAMES == TABLE_NAMES
