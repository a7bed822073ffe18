// name: parent-targets-not-adopted
// title: Parents' targets a document does not take up
// answers: The targets of the documents a document implements whose indicator the
//   document itself sets no target for: what it left out.
// param: document: document — the document's id, or a part of its title
// example: document=青岛市深入打好污染防治攻坚战实施方案
MATCH (d:Document)
WHERE d.id = $document OR d.title CONTAINS $document
MATCH (d)-[:IMPLEMENTS]->(p:Document)
MATCH (pt:Target)-[:FOR_INDICATOR]->(i:Indicator)
WHERE pt.documentId = p.id
  AND NOT EXISTS { MATCH (t:Target)-[:FOR_INDICATOR]->(i) WHERE t.documentId = d.id }
RETURN d.id AS document, p.id AS parent, p.title AS parentTitle, p.level AS parentLevel,
       i.name AS indicator, pt.valueText AS parentValueText, pt.value AS parentValue,
       pt.unit AS parentUnit, pt.comparator AS parentComparator, pt.kind AS parentKind,
       pt.year AS parentYear, pt.direction AS parentDirection
ORDER BY document, parent, indicator, parentYear, parentValue, parentValueText
