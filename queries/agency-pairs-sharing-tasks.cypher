// name: agency-pairs-sharing-tasks
// title: Pairs of agencies that share tasks
// answers: Which agencies are named together on the same tasks (in any role), how
//   many tasks each pair shares and in how many documents: the co-operation network.
// param: min_tasks: int = 1 — leave out pairs sharing fewer tasks than this
// param: limit: int = 50 — how many pairs to list
// example: min_tasks=2
MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(b:Agency)
WHERE a.name < b.name
WITH a.name AS agency, b.name AS partner, count(DISTINCT t) AS tasks,
     count(DISTINCT t.documentId) AS documents
WHERE tasks >= $min_tasks
RETURN agency, partner, tasks, documents
ORDER BY tasks DESC, documents DESC, agency, partner
LIMIT $limit
