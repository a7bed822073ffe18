// name: indicators-in-document-and-parent
// title: Indicators targeted both in a document and in its parent
// answers: Where a lower-level document sets a target for an indicator its parent
//   (the document it implements) also targets: the indicators handed down a level,
//   with the number of targets on each side.
MATCH (c:Document)-[:IMPLEMENTS]->(p:Document)
MATCH (ct:Target)-[:FOR_INDICATOR]->(i:Indicator)<-[:FOR_INDICATOR]-(pt:Target)
WHERE ct.documentId = c.id AND pt.documentId = p.id
RETURN c.id AS document, c.title AS documentTitle, p.id AS parent, p.title AS parentTitle,
       i.name AS indicator, count(DISTINCT ct) AS documentTargets,
       count(DISTINCT pt) AS parentTargets
ORDER BY document, parent, indicator
