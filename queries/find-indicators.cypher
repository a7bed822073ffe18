// name: find-indicators
// title: Indicators whose name contains a text
// answers: Which indicators (normalised names) match a text, with the number of
//   targets and documents setting one: the names indicator-targets takes.
// param: text: indicator — part of an indicator's name or of its wording in a document, e.g. PM2.5 or 细颗粒物
// example: text=PM2.5
MATCH (x:Target)-[:FOR_INDICATOR]->(i:Indicator)
WHERE i.name CONTAINS $text OR x.indicator CONTAINS $text
   OR any(k IN $text_keys WHERE i.name CONTAINS k)
WITH DISTINCT i
MATCH (g:Target)-[:FOR_INDICATOR]->(i)
RETURN i.name AS indicator, count(DISTINCT g) AS targets,
       count(DISTINCT g.documentId) AS documents
ORDER BY indicator
