// name: implementing-documents
// title: Documents implementing a given document, directly or down the chain
// answers: How a policy cascades down: every document that implements a document,
//   or implements one that does, with the number of steps between them (the titles
//   of both, the ids for the queries that take one).
// param: document: document — the implemented document's id, or a part of its title
// param: max_depth: int = 5 — how many steps down to follow (1 = direct only)
// example: document=中共中央、国务院关于深入打好污染防治攻坚战的意见
MATCH p = (c:Document)-[:IMPLEMENTS*1..10]->(d:Document)
WHERE (d.id = $document OR d.title CONTAINS $document) AND length(p) <= $max_depth
RETURN d.id AS implemented, d.title AS implementedTitle, c.id AS document, c.title AS documentTitle, c.level AS level,
       min(length(p)) AS depth
ORDER BY implemented, depth, document, implementedTitle
