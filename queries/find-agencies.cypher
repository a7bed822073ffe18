// name: find-agencies
// title: Agencies whose name or mention contains a text
// answers: Which canonical agency names match a text, as named or as mentioned in
//   the documents (e.g. 发展改革 finds 国家发展和改革委员会 via 国家发展改革委),
//   with the number of tasks and documents naming each.
// param: text: agency — part of an agency's name or of the way a document mentions it
// example: text=发展改革
MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(:Task)
WHERE a.name CONTAINS $text OR r.mention CONTAINS $text
WITH DISTINCT a
MATCH (a)-[:RESPONSIBLE_FOR]->(t:Task)
RETURN a.name AS agency, count(DISTINCT t) AS tasks, count(DISTINCT t.documentId) AS documents
ORDER BY agency
