// name: documents
// title: The documents in the graph
// answers: Which documents have been ingested, with their id (for the queries that
//   take one), level, region, date and how many measures, tasks and targets each has.
// param: level: national|provincial|city|district = null — only documents of this level
// example: level=provincial
MATCH (d:Document)
WHERE NOT coalesce(d.stub, false) AND coalesce(d.level, '') = coalesce($level, d.level, '')
OPTIONAL MATCH (m:Measure)
WHERE m.documentId = d.id
WITH d, count(m) AS measures
OPTIONAL MATCH (t:Task)
WHERE t.documentId = d.id
WITH d, measures, count(t) AS tasks
OPTIONAL MATCH (g:Target)
WHERE g.documentId = d.id
RETURN d.id AS document, d.title AS title, d.level AS level, d.region AS region,
       d.date AS date, measures, tasks, count(g) AS targets
ORDER BY document
