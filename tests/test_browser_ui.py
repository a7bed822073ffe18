"""Neo4j Browser in a real Chromium: connect, open our guide, run one of its queries, and
check that the nodes drawn are captioned and coloured by our style.

The browser is Debian's chromium (/usr/bin/chromium, installed by scripts/system-deps.sh,
which scripts/test.sh runs), driven by playwright's Python client; playwright's own
browser downloads are never used. Without chromium the test fails, naming the script.
Screenshots are left in /tmp: policykg-browser-test.png (the graph drawn) and
policykg-browser-guide-test.png (a research question run from its slide).
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from pipeline.graph.ingest import ingest_records
from pipeline.graph.neo4j_store import open_neo4j
from pipeline.model import Record
from pipeline.graph.named_queries import get_query, list_queries
from pipeline.neo4j import guide

REPO = Path(__file__).resolve().parents[1]
RECORD_FILES = sorted((REPO / "tests" / "fixtures" / "records").glob("*.json")) + sorted(
    (REPO / "tests" / "fixtures" / "query-records").glob("*.json"))
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path(tempfile.gettempdir()) / "policykg-browser-test.png"
TIMEOUT_MS = 60_000
# The guide query run: the README's PM2.5 picture (guide.BROWSER_QUERIES).
PICTURE = next(q for q in guide.BROWSER_QUERIES if "PM2.5浓度" in q)


def style_colours() -> dict[str, str]:
    """label -> fill colour, from graph_schema/style.grass."""
    style = (REPO / "graph_schema" / "style.grass").read_text(encoding="utf-8")
    return {m["label"]: m["colour"].upper() for m in re.finditer(
        r"node\.(?P<label>\w+) \{[^}]*?\n  color: (?P<colour>#[0-9A-Fa-f]{6});", style)}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def chromium():
    """A fresh Chromium (its own new profile: no stored Browser credentials or style)."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: the Browser test needs Debian's chromium; "
                    "install it with `sudo bash scripts/system-deps.sh` (scripts/test.sh runs it)",
                    pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: run `bash scripts/setup.sh test` "
                    "(it is in the test extras)", pytrace=False)
    profile = tempfile.mkdtemp(prefix="policykg-chromium-")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=FLAGS, headless=True,
            viewport={"width": 1400, "height": 900})
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def captions(neo4j_server) -> dict[str, set[str]]:
    """The fixture records in the test server; caption (spaces removed) -> labels."""
    uri, user, password = neo4j_server
    records = [Record.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in RECORD_FILES]
    with open_neo4j(uri, user=user, password=password) as store:
        store.run("MATCH (n) DETACH DELETE n")
        ingest_records(store, records)
        rows = store.run("MATCH (n) RETURN n.caption AS caption, labels(n)[0] AS label").rows
    out: dict[str, set[str]] = {}
    for caption, label in rows:
        out.setdefault(squeeze(caption), set()).add(label)
    return out


def open_guide(page, neo4j_instance, neo4j_server) -> None:
    """Connect Browser to the test server and open our guide as the README says."""
    server = neo4j_instance.result.server
    page.set_default_timeout(TIMEOUT_MS)
    # Connect (Browser prefills the URL and user from ?connectURL=).
    page.goto(f"{server.browser_url}?connectURL={server.bolt_uri.replace('bolt://', 'bolt://neo4j@')}")
    page.locator("input[data-testid=password]").fill(neo4j_server.password)
    page.locator("button[data-testid=connect]").click()
    page.wait_for_selector("text=You are connected")
    # The style comes in through browser.post_connect_cmd.
    page.wait_for_selector(f"text=:style {neo4j_instance.config.style_url}")
    run(page, f":guide {server.guide_url}", typed=True)
    page.wait_for_selector(f"text={guide.GUIDE_TITLE}")


def run(page, command: str | None = None, typed: bool = False) -> None:
    """Type ``command`` into the editor (or keep what a click on a guide block put there) and run it."""
    if typed:
        page.locator("[data-testid=activeEditor]").click()
        page.keyboard.type(command)
        page.keyboard.press("Escape")  # close the editor's suggestions
    page.locator("[data-testid=editor-Run]").click()


def test_browser_draws_a_guide_query_with_our_captions_and_colours(chromium, captions, neo4j_instance,
                                                                   neo4j_server):
    page = chromium.new_page()
    open_guide(page, neo4j_instance, neo4j_server)
    # The pictures slide: click the PM2.5 block (into the editor) and run it.
    page.locator("[data-testid=guideNextSlide]").click()
    block = page.locator("pre.runnable", has_text="PM2.5浓度").first
    assert squeeze(block.text_content()) == squeeze(PICTURE)
    block.click()
    run(page)
    page.wait_for_selector("svg g.node")
    page.wait_for_timeout(3000)  # let the layout settle for the screenshot
    page.screenshot(path=str(SCREENSHOT))

    drawn = page.locator("svg g.node").evaluate_all("""gs => gs.map(g => ({
        fill: g.querySelector('circle.b-outline').getAttribute('fill'),
        text: [...g.querySelectorAll('text.caption')].map(t => t.textContent).join(' ')}))""")
    colours = style_colours()
    assert len(drawn) >= 8, drawn
    seen = set()
    for node in drawn:
        text = squeeze(node["text"])
        # The whole caption is drawn: Browser cut nothing.
        assert text in captions, f"drawn caption {node['text']!r} is not a node's caption property"
        labels = captions[text]
        # Our colour for that node's label, not Browser's default palette.
        assert node["fill"].upper() in {colours[label] for label in labels}, (node, labels)
        seen |= labels
    assert {"Document", "Target", "Indicator"} <= seen, seen
    summary = page.locator("text=/Displaying \\d+ nodes, \\d+ relationships/").first.text_content()
    nodes, rels = map(int, re.findall(r"\d+", summary))
    assert nodes == len(drawn) and rels >= nodes - 1, summary
    page.close()


def test_a_research_question_runs_from_its_guide_slide(chromium, captions, neo4j_instance, neo4j_server):
    query = get_query("indicator-targets")
    page = chromium.new_page()
    open_guide(page, neo4j_instance, neo4j_server)
    for _ in range(len(list_queries()) + 2):  # to the query's slide
        if page.locator("h3", has_text=query.title).is_visible():
            break
        page.locator("[data-testid=guideNextSlide]").click()
    page.locator("pre.runnable", has_text=":params {indicator:").first.click()
    run(page)
    page.wait_for_selector("text=Successfully set your parameters")
    page.locator("pre.runnable", has_text="WITH DISTINCT i").first.click()
    run(page)
    page.locator("[data-testid=frame]").first.locator("text=PM2.5浓度").first.wait_for()
    page.screenshot(path=str(SCREENSHOT.with_name("policykg-browser-guide-test.png")))
    text = page.locator("[data-testid=frame]").first.inner_text()
    assert "documentTitle" in text and "青岛市深入打好污染防治攻坚战实施方案" in text, text[:500]
    page.close()
