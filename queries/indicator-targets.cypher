// name: indicator-targets
// title: One indicator's targets across documents
// answers: How documents at different levels set targets for the same indicator:
//   value, unit, comparator and year of each target. The indicator is matched by a
//   part of its normalised name (as find-indicators lists it) or of its wording in a
//   document; $indicator_keys holds the normalised names the text stands for
//   (细颗粒物 -> PM2.5), so synonyms count.
// param: indicator: indicator — e.g. 细颗粒物, PM2.5浓度 or 细颗粒物（PM2.5）浓度
// example: indicator=PM2.5浓度
MATCH (x:Target)-[:FOR_INDICATOR]->(i:Indicator)
WHERE i.name CONTAINS $indicator OR x.indicator CONTAINS $indicator
   OR any(k IN $indicator_keys WHERE i.name CONTAINS k)
WITH DISTINCT i
MATCH (g:Target)-[:FOR_INDICATOR]->(i)
MATCH (d:Document)
WHERE d.id = g.documentId
RETURN i.name AS indicator, d.id AS document, d.title AS documentTitle, d.level AS level,
       d.region AS region, g.year AS year, g.kind AS kind, g.direction AS direction,
       g.comparator AS comparator, g.value AS value, g.unit AS unit, g.valueText AS valueText
ORDER BY indicator, year, document, value, valueText
