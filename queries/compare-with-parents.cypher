// name: compare-with-parents
// title: A document's targets beside its parents' targets for the same indicators
// answers: For each target of a document and each document it implements (IMPLEMENTS),
//   the parent's targets for the same indicator (value, unit, year) and a verdict:
//   stricter, same or looser than the parent; different (kinds or units that do not
//   compare, or no bound to tell better from worse); absent in parent (the parent sets
//   no target for it); parent not ingested (the parent is a stub). For a level, the
//   comparators tell which way is better (<= lower, >= higher); for a change of the
//   same direction, more is stricter.
// param: document: document — the document's id, or a part of its title
// example: document=青岛市深入打好污染防治攻坚战实施方案
MATCH (d:Document)
WHERE d.id = $document OR d.title CONTAINS $document
MATCH (d)-[:IMPLEMENTS]->(p:Document)
MATCH (t:Target)-[:FOR_INDICATOR]->(i:Indicator)
WHERE t.documentId = d.id
OPTIONAL MATCH (pt:Target)-[:FOR_INDICATOR]->(i)
WHERE pt.documentId = p.id
RETURN d.id AS document, i.name AS indicator, t.valueText AS docValueText, t.value AS docValue,
       t.unit AS docUnit, t.comparator AS docComparator, t.year AS docYear,
       p.id AS parent, p.title AS parentTitle, p.level AS parentLevel,
       pt.valueText AS parentValueText, pt.value AS parentValue, pt.unit AS parentUnit,
       pt.comparator AS parentComparator, pt.year AS parentYear,
       t.kind AS docKind, t.direction AS docDirection, pt.kind AS parentKind,
       pt.direction AS parentDirection,
       CASE
         WHEN coalesce(p.stub, false) THEN 'parent not ingested'
         WHEN pt.id IS NULL THEN 'absent in parent'
         WHEN t.unit <> pt.unit OR t.kind <> pt.kind
              OR coalesce(t.direction, '') <> coalesce(pt.direction, '') THEN 'different'
         WHEN t.value = pt.value THEN 'same'
         WHEN t.kind = 'change' THEN CASE WHEN t.value > pt.value THEN 'stricter' ELSE 'looser' END
         WHEN t.comparator IN ['<=', '<'] OR pt.comparator IN ['<=', '<']
           THEN CASE WHEN t.comparator IN ['>=', '>'] OR pt.comparator IN ['>=', '>'] THEN 'different'
                     WHEN t.value < pt.value THEN 'stricter' ELSE 'looser' END
         WHEN t.comparator IN ['>=', '>'] OR pt.comparator IN ['>=', '>']
           THEN CASE WHEN t.value > pt.value THEN 'stricter' ELSE 'looser' END
         ELSE 'different'
       END AS verdict
ORDER BY document, indicator, docYear, docValue, parent, parentYear, parentValue, docValueText, parentValueText
