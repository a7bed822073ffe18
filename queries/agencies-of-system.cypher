// name: agencies-of-system
// title: The agencies of one system, level by level
// answers: Which agencies of one system (生态环境: 生态环境部, 山东省生态环境厅, 青岛市生态环境局 …)
//   the documents name, with the level of the documents naming them and their tasks,
//   so a bureau lines up with its ministry and its provincial department.
// param: system: string — the system, e.g. 生态环境, 发展改革, 工业和信息化
// example: system=生态环境
MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(t:Task), (d:Document)
WHERE a.system = $system AND d.id = t.documentId AND coalesce(a.collective, false) = false
WITH a.name AS agency, d.level AS level, count(DISTINCT t) AS tasks, count(DISTINCT d) AS documents
WITH agency, level, tasks, documents,
     CASE level WHEN 'national' THEN 1 WHEN 'provincial' THEN 2 WHEN 'city' THEN 3
                WHEN 'district' THEN 4 ELSE 5 END AS tier
RETURN agency, level, tasks, documents
ORDER BY tier, level, tasks DESC, agency
