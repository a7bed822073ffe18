// name: measure-tasks
// title: The tasks of one measure
// answers: What one measure asks to be done: its tasks, and for each the agencies
//   responsible and their roles (one row per task and agency).
// param: document: document — the document's id, or a part of its title
// param: measure: int — the measure's position in the document (1, 2, …)
// example: document=青岛市深入打好污染防治攻坚战实施方案 measure=3
MATCH (d:Document), (m:Measure)-[:HAS_TASK]->(t:Task)
WHERE (d.id = $document OR d.title CONTAINS $document) AND m.documentId = d.id
  AND m.position = $measure
OPTIONAL MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(t)
RETURN d.id AS document, m.position AS measure, m.title AS measureTitle, t.position AS task,
       t.text AS text, a.name AS agency, r.role AS role, r.mention AS mention
ORDER BY document, task, agency, role, mention
