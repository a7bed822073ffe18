// name: measures-restating-parent
// title: Measures of a plan that restate a measure of a document it implements
// answers: For each measure of a document with a SIMILAR_TO edge (made by
//   `policykg similar`), the ancestor document it implements (directly or through others)
//   and that ancestor's most similar measure, with the score (Jaccard of character
//   trigrams, 0-1), the closest copies first: which clauses a local plan copies from
//   the State Council's or its province's.
// param: document: document — the document's id, or a part of its title
// param: min_score: float = 0 — only edges scoring at least this
// example: document=青岛市深入打好污染防治攻坚战实施方案
MATCH (d:Document)
WHERE d.id = $document OR d.title CONTAINS $document
MATCH (m:Measure)-[s:SIMILAR_TO]->(pm:Measure)
WHERE m.documentId = d.id AND s.score >= $min_score
MATCH (p:Document)
WHERE p.id = pm.documentId
RETURN d.title AS documentTitle, m.number AS measureNumber, m.title AS measureTitle,
       p.title AS parentTitle, p.level AS parentLevel, pm.number AS parentMeasureNumber,
       pm.title AS parentMeasureTitle, s.score AS score, m.text AS measureText,
       pm.text AS parentMeasureText, m.id AS measureId, pm.id AS parentMeasureId
ORDER BY score DESC, measureId, parentMeasureId
