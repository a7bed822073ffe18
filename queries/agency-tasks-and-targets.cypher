// name: agency-tasks-and-targets
// title: One agency's tasks and the targets they set
// answers: What one agency is responsible for: every task naming it, in which
//   document and measure, in which role, and the quantified targets each task sets
//   (one row per task and target; a task without a target has empty target columns).
// param: agency: string — the agency's canonical name, e.g. 生态环境部 (see find-agencies)
// example: agency=生态环境部
MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE a.name = $agency
MATCH (d:Document)
WHERE d.id = t.documentId
OPTIONAL MATCH (t)-[:SETS_TARGET]->(g:Target)
RETURN d.id AS document, d.title AS documentTitle, t.measure AS measure, t.position AS task,
       r.role AS role, t.text AS text, g.indicator AS indicator, g.comparator AS comparator,
       g.value AS value, g.unit AS unit, g.year AS year
ORDER BY document, measure, task, role, indicator, year, value
