// name: targets-by-level
// title: Targets by level of government
// answers: How many documents, targets and distinct indicators each level of
//   government (national, provincial, city, district) has, from the top down.
MATCH (g:Target), (d:Document)
WHERE d.id = g.documentId
OPTIONAL MATCH (g)-[:FOR_INDICATOR]->(i:Indicator)
WITH d.level AS level, count(DISTINCT d) AS documents, count(DISTINCT g) AS targets,
     count(DISTINCT i) AS indicators
WITH level, documents, targets, indicators,
     CASE level WHEN 'national' THEN 1 WHEN 'provincial' THEN 2 WHEN 'city' THEN 3
                WHEN 'district' THEN 4 ELSE 5 END AS tier
RETURN level, documents, targets, indicators
ORDER BY tier, level
