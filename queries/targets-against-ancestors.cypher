// name: targets-against-ancestors
// title: Amplification and lag of targets down the IMPLEMENTS chain
// answers: For every target of an indicator, the nearest document up the IMPLEMENTS chain
//   (parent, then grandparent …) that targets the same indicator in the same unit and kind
//   (a change: the same direction); among its targets, the one of the same year, else one
//   with no year, else the nearest year, then one issued no later than the child, then the
//   smallest id. Gives the ratio (child / ancestor), the difference in the unit, a verdict
//   (stricter, looser, equal, unranked: direction-aware, <= against >= unranked; share for a
//   total such as 装机容量 in 千瓦, where the ratio is the child's share) and the days
//   from the ancestor's issue date to the child's (top-down amplification, Li, Liu, Weng and
//   Zhou 2019). `policykg diffusion INDICATOR` gives the same rows and, for documents naming
//   no parent, falls back to region containment (city in province in nation).
// param: indicator: indicator — a part of the indicator's name, or of a document's wording
// example: indicator=近岸海域水质优良比例
MATCH (x:Target)-[:FOR_INDICATOR]->(i:Indicator)
WHERE i.name CONTAINS $indicator OR x.indicator CONTAINS $indicator
   OR any(k IN $indicator_keys WHERE i.name CONTAINS k)
WITH DISTINCT i
MATCH (t:Target)-[:FOR_INDICATOR]->(i)
MATCH (c:Document) WHERE c.id = t.documentId
MATCH path = (c)-[:IMPLEMENTS*1..8]->(p:Document)
MATCH (pt:Target)-[:FOR_INDICATOR]->(i)
WHERE pt.documentId = p.id AND p.id <> c.id AND pt.unit = t.unit AND pt.kind = t.kind
  AND (t.kind <> 'change' OR coalesce(pt.direction, '') = coalesce(t.direction, ''))
WITH i, t, c, min(length(path) * 100000000
       + CASE WHEN t.year IS NULL OR pt.year IS NULL THEN 1000000 WHEN t.year = pt.year THEN 0
              ELSE 2000000 + abs(t.year - pt.year) * 10 END
       + CASE WHEN p.date > c.date THEN 1 ELSE 0 END) AS best
MATCH path2 = (c)-[:IMPLEMENTS*1..8]->(p:Document)
MATCH (pt:Target)-[:FOR_INDICATOR]->(i)
WHERE pt.documentId = p.id AND p.id <> c.id AND pt.unit = t.unit AND pt.kind = t.kind
  AND (t.kind <> 'change' OR coalesce(pt.direction, '') = coalesce(t.direction, ''))
  AND length(path2) * 100000000
       + CASE WHEN t.year IS NULL OR pt.year IS NULL THEN 1000000 WHEN t.year = pt.year THEN 0
              ELSE 2000000 + abs(t.year - pt.year) * 10 END
       + CASE WHEN p.date > c.date THEN 1 ELSE 0 END = best
WITH i, t, c, best, min(pt.id) AS chosen
MATCH (pt:Target) WHERE pt.id = chosen
MATCH (p:Document) WHERE p.id = pt.documentId
WITH i, t, c, pt, p, best / 100000000 AS hops,
     CASE WHEN t.comparator IN ['<=', '<'] THEN 'lower' WHEN t.comparator IN ['>=', '>'] THEN 'higher'
          WHEN t.kind = 'change' THEN 'higher' WHEN t.direction = 'up' THEN 'higher'
          WHEN t.direction = 'down' THEN 'lower' ELSE '' END AS childSense,
     CASE WHEN pt.comparator IN ['<=', '<'] THEN 'lower' WHEN pt.comparator IN ['>=', '>'] THEN 'higher'
          WHEN pt.kind = 'change' THEN 'higher' WHEN pt.direction = 'up' THEN 'higher'
          WHEN pt.direction = 'down' THEN 'lower' ELSE '' END AS ancestorSense
RETURN i.name AS indicator, t.unit AS unit, t.kind AS kind, t.direction AS direction,
       c.id AS child, c.title AS childTitle, c.level AS childLevel, c.region AS childRegion,
       c.date AS childDate, t.valueText AS childTarget, t.value AS childValue,
       t.comparator AS childComparator, t.year AS childYear,
       p.id AS ancestor, p.title AS ancestorTitle, p.level AS ancestorLevel,
       p.region AS ancestorRegion, p.date AS ancestorDate, pt.valueText AS ancestorTarget,
       pt.value AS ancestorValue, pt.comparator AS ancestorComparator, pt.year AS ancestorYear,
       'implements' AS via, hops,
       CASE WHEN t.year IS NULL OR pt.year IS NULL THEN 'unstated' WHEN t.year = pt.year THEN 'same'
            ELSE 'differs' END AS yearMatch,
       CASE WHEN t.year IS NULL OR pt.year IS NULL THEN NULL ELSE abs(t.year - pt.year) END AS yearGap,
       CASE WHEN pt.value = 0 THEN NULL ELSE t.value / pt.value END AS ratio,
       t.value - pt.value AS difference,
       CASE WHEN NOT (t.unit IN ['%', '‰', '百分点', '个百分点', '天', '岁', '倍']
                      OR any(w IN ['率', '比例', '比重', '占比', '强度', '浓度', '指数', '密度', '人均', '单位', '每', '万元']
                             WHERE i.name CONTAINS w))
                 AND (NOT t.unit CONTAINS '/'
                      OR any(s IN ['/日', '/天', '/年', '/月', '/小时', '/时'] WHERE t.unit ENDS WITH s))
              THEN 'share'
            WHEN childSense <> '' AND ancestorSense <> '' AND childSense <> ancestorSense THEN 'unranked'
            WHEN t.value = pt.value THEN 'equal'
            WHEN childSense = '' AND ancestorSense = '' THEN 'unranked'
            WHEN (t.value > pt.value) = ((CASE WHEN childSense <> '' THEN childSense ELSE ancestorSense END) = 'higher')
              THEN 'stricter'
            ELSE 'looser' END AS verdict,
       c.dateDays - p.dateDays AS lagDays,
       t.id AS childTargetId, pt.id AS ancestorTargetId
ORDER BY indicator, child, childTargetId
