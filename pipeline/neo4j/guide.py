"""The Neo4j Browser guide of policykg: the research questions of ``queries/`` as slides.

``guide_html()`` writes one HTML page in the format Browser's ``:guide URL`` reads:
``<slide>`` elements whose ``<pre class="runnable">`` blocks go into the editor when
clicked. The local server serves it beside the style (jars.build_browser_jar), so

    :guide http://127.0.0.1:7474/browser/policykg-guide.html

opens it in Browser's sidebar. A first slide introduces the graph, a second holds the
Browser queries of the README (``BROWSER_QUERIES``, which draw connected pictures),
then comes one slide per named query: a ``:params {…}`` block with the query's example
values (or defaults) to run first, then the statement, the query file's own text.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, Optional

from pipeline.graph.named_queries import NamedQuery, bind, list_queries

GUIDE_TITLE = "policykg: research questions"

# The README's "Neo4j and Neo4j Browser" queries (tests/test_browser_queries.py keeps the
# two the same and checks what each draws).
BROWSER_QUERIES: tuple[str, ...] = (
    """// A document's outline: sections, measures, tasks (double-click nodes to expand)
MATCH (d:Document) WHERE d.title CONTAINS '青岛' AND NOT d.stub
WITH d ORDER BY d.title LIMIT 1
MATCH p = (d)-[:HAS_SECTION|HAS_MEASURE|HAS_TASK*1..3]->(:Task)
RETURN p LIMIT 60
""",
    """// Which agencies lead the most tasks, and in how many documents (a table)
MATCH (a:Agency)-[r:RESPONSIBLE_FOR {role: 'lead'}]->(t:Task)
RETURN a.name AS agency, count(t) AS tasks, count(DISTINCT t.documentId) AS documents
ORDER BY tasks DESC LIMIT 20
""",
    """// PM2.5 targets across levels of government: each target in its document, and the
// documents those implement
MATCH t = (d:Document)-[:HAS_SECTION|HAS_MEASURE|HAS_TASK|SETS_TARGET*1..4]->(:Target)
          -[:FOR_INDICATOR]->(:Indicator {name: 'PM2.5浓度'})
OPTIONAL MATCH up = (d)-[:IMPLEMENTS]->(:Document)
RETURN t, up
""",
)


def cypher_literal(value: Any) -> str:
    """``value`` as a Cypher literal in a ``:params`` map (strings single-quoted)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):  # an indicator parameter's $x_keys
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"


def params_command(query: NamedQuery) -> str | None:
    """``:params {name: value, …}`` with the query's example values (or defaults); None if
    it takes no parameters."""
    values = bind(query, query.example)
    if not values:
        return None
    return ":params {" + ", ".join(f"{name}: {cypher_literal(v)}" for name, v in values.items()) + "}"


def _runnable(code: str) -> str:
    return f'<pre class="runnable">{html.escape(code.strip(), quote=False)}</pre>'


def _slide(heading: str, body: str) -> str:
    return (f'<slide class="row-fluid">\n<div class="col-sm-12">\n<h3>{html.escape(heading)}</h3>\n'
            f"{body}\n</div>\n</slide>")


def _intro(queries: list[NamedQuery]) -> str:
    items = "".join(f"<li>{html.escape(q.title)} <code>{html.escape(q.name)}</code></li>"
                    for q in queries)
    return _slide("Start here", f"""
<p>The policy documents you ingested (<code>policykg ingest --neo4j DIR</code>) as a graph:
Documents hold Sections, Measures and Tasks; Agencies are RESPONSIBLE_FOR Tasks; Tasks and
Measures set Targets (SETS_TARGET), each FOR_INDICATOR an Indicator; a Document IMPLEMENTS
its parents. Every node shows its short <code>caption</code>. Click a block to put it in
the editor, then run it (Ctrl+Enter).</p>
{_runnable("CALL db.schema.visualization()")}
<p>The next slide has three pictures to start with; then come the research questions of
<code>queries/</code>, the same as <code>policykg query NAME</code>. Each sets its parameters
with a <code>:params</code> block first: edit its values to ask about another document,
agency or indicator.</p>
<ol>{items}</ol>""")


def _pictures() -> str:
    return _slide("Three pictures", "<p>Each draws one connected picture (the second is a table).</p>\n"
                  + "\n".join(_runnable(q) for q in BROWSER_QUERIES))


def _parameters(query: NamedQuery) -> str:
    if not query.specs:
        return "<p>No parameters.</p>"
    rows = "".join(
        f"<li><code>{html.escape(p.name)}</code> ({html.escape(p.type)}"
        f"{', required' if p.required else ''}){': ' + html.escape(p.description) if p.description else ''}</li>"
        for p in query.specs)
    return f"<p>Parameters:</p><ul>{rows}</ul>"


def query_slide(query: NamedQuery) -> str:
    params = params_command(query)
    steps = (f"<p>1. Set the parameters (edit the values to ask about another one):</p>\n{_runnable(params)}\n"
             f"<p>2. Run the query:</p>\n" if params else "")
    body = (f"<p>{html.escape(query.description)}</p>\n{_parameters(query)}\n{steps}{_runnable(query.cypher)}\n"
            f"<p>From the command line: <code>policykg query {html.escape(query.name)}"
            f"{''.join(' -p ' + html.escape(f'{k}={v}') for k, v in query.example.items())}</code></p>")
    return _slide(query.title, body)


def guide_html(directory: Optional[Path] = None) -> str:
    """The guide page: a first slide, then one per named query (sorted by name)."""
    queries = list_queries(directory)
    slides = "\n".join([_intro(queries), _pictures(), *(query_slide(q) for q in queries)])
    return f"""<!DOCTYPE html>
<html lang="zh">
<head><meta charset="utf-8"><title>{html.escape(GUIDE_TITLE)}</title></head>
<body>
<article class="guide">
<carousel class="deck container-fluid">
{slides}
</carousel>
</article>
</body>
</html>
"""
