// name: measures-without-agency
// title: Measures with no responsible agency
// answers: Which measures name no agency for any of their tasks (including measures
//   with no task at all): the gaps in accountability, document by document.
MATCH (m:Measure)
WHERE NOT (m)-[:HAS_TASK]->(:Task)<-[:RESPONSIBLE_FOR]-(:Agency)
OPTIONAL MATCH (m)-[:HAS_TASK]->(t:Task)
WITH m, count(t) AS tasks
MATCH (d:Document)
WHERE d.id = m.documentId
RETURN d.id AS document, d.title AS documentTitle, m.position AS measure, m.number AS number,
       m.title AS title, tasks
ORDER BY document, measure
