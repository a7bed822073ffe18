// name: agencies-by-documents
// title: Agencies by the number of documents they appear in
// answers: Which agencies are named in the most documents (in any role), with the
//   number of tasks naming them: how widely each agency is drawn in.
// param: limit: int = 20 — how many agencies to list
// example: limit=5
MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(t:Task)
RETURN a.name AS agency, count(DISTINCT t.documentId) AS documents, count(DISTINCT t) AS tasks
ORDER BY documents DESC, tasks DESC, agency
LIMIT $limit
