// name: targets-due-by-year
// title: Targets due by a given year
// answers: Which quantified targets fall due in or before a year, in which document
//   and at which level of government (targets with no year are left out).
// param: year: int = 2025 — the latest target year to include
// param: level: national|provincial|city|district = null — only documents of this level
// example: year=2030 level=city
MATCH (g:Target), (d:Document)
WHERE d.id = g.documentId AND g.year <= $year
  AND coalesce(d.level, '') = coalesce($level, d.level, '')
RETURN g.year AS year, d.id AS document, d.title AS documentTitle, d.level AS level,
       g.indicator AS indicator, g.comparator AS comparator, g.value AS value, g.unit AS unit,
       g.valueText AS valueText
ORDER BY year, document, indicator, value, valueText
