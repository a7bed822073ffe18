// name: documents-citing
// title: Documents citing a given document
// answers: Which documents cite a document (《…》 in their text), and in which measure
//   (empty when the citation stands outside any measure); documents that implement
//   it are listed by implementing-documents.
// param: document: document — the cited document's id, or a part of its title
// example: document=青岛市碳达峰工作方案
MATCH (x)-[:REFERENCES]->(c:Document)
WHERE c.id = $document OR c.title CONTAINS $document
MATCH (d:Document)
WHERE d.id = coalesce(x.documentId, x.id)
OPTIONAL MATCH (m:Measure)
WHERE m.id = x.id
RETURN c.id AS cited, d.id AS document, d.title AS documentTitle, d.level AS level,
       m.position AS measure, m.title AS measureTitle
ORDER BY cited, document, measure
