// name: agencies-leading-most-tasks
// title: Agencies ranked by the tasks they lead
// answers: Which agencies are named as the lead (牵头) agency of the most tasks,
//   and in how many documents they lead something. Collectives (各区人民政府,
//   各有关部门: classes of bodies, not one body) are left out unless asked for.
// param: limit: int = 20 — how many agencies to list
// param: collectives: bool = false — rank collectives too
// example: limit=5
MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE r.role = 'lead' AND ($collectives OR coalesce(a.collective, false) = false)
RETURN a.name AS agency, count(DISTINCT t) AS tasks, count(DISTINCT t.documentId) AS documents
ORDER BY tasks DESC, documents DESC, agency
LIMIT $limit
