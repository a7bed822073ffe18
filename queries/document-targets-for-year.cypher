// name: document-targets-for-year
// title: A document's targets for one year
// answers: What a document commits to for a given year: each target's indicator,
//   comparator, value and unit, and the measure and task that set it.
// param: document: document — the document's id, or a part of its title
// param: year: int = 2025 — the target year
// example: document=中共中央、国务院关于深入打好污染防治攻坚战的意见 year=2025
MATCH (d:Document), (g:Target)
WHERE (d.id = $document OR d.title CONTAINS $document) AND g.documentId = d.id
  AND g.year = $year
RETURN d.id AS document, g.year AS year, g.indicator AS indicator, g.kind AS kind,
       g.direction AS direction, g.comparator AS comparator, g.value AS value, g.unit AS unit,
       g.valueText AS valueText, g.baselineYear AS baselineYear, g.measure AS measure,
       g.task AS task
ORDER BY document, measure, task, indicator, value, valueText
