// name: measure-tasks
// title: The tasks of one measure
// answers: What one measure asks to be done: its tasks, and for each the agencies
//   responsible and their roles (one row per task and agency).
// param: document: string — the document's id, or a part of its title
// param: measure: int — the measure's position in the document (1, 2, …)
// example: document=中共中央、国务院关于深入打好污染防治攻坚战的意见 measure=4
MATCH (d:Document), (m:Measure)-[:HAS_TASK]->(t:Task)
WHERE (d.id = $document OR d.title CONTAINS $document) AND m.documentId = d.id
  AND m.position = $measure
OPTIONAL MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(t)
RETURN d.id AS document, m.position AS measure, m.title AS measureTitle, t.position AS task,
       t.text AS text, a.name AS agency, r.role AS role, r.mention AS mention
ORDER BY document, task, agency, role, mention
