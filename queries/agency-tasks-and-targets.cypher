// name: agency-tasks-and-targets
// title: One agency's tasks and the targets they set
// answers: What one agency is responsible for: every task naming it, in which
//   document and measure, in which role, and the quantified targets each task sets
//   (one row per task and target; a task without a target has empty target columns).
//   The agency is matched by a part of its canonical name or of a mention, so one
//   text may name several agencies: the first column says which.
// param: agency: agency — e.g. 生态环境部, or 市发改委 as a document mentions it (see find-agencies)
// example: agency=生态环境部
MATCH (a:Agency)-[m:RESPONSIBLE_FOR]->(:Task)
WHERE a.name CONTAINS $agency OR m.mention CONTAINS $agency
WITH DISTINCT a
MATCH (a)-[r:RESPONSIBLE_FOR]->(t:Task)
MATCH (d:Document)
WHERE d.id = t.documentId
OPTIONAL MATCH (t)-[:SETS_TARGET]->(g:Target)
RETURN a.name AS agency, d.id AS document, d.title AS documentTitle, t.measure AS measure, t.position AS task,
       r.role AS role, t.text AS text, g.indicator AS indicator, g.comparator AS comparator,
       g.value AS value, g.unit AS unit, g.year AS year
ORDER BY agency, document, measure, task, role, indicator, year, value
