// name: tasks-by-system-and-level
// title: Tasks per agency system and level of government
// answers: For each system (生态环境, 发展改革, 工业和信息化 …: the line of work of an
//   agency whatever its level, Agency.system), how many tasks its agencies hold at each
//   level of government (the level of the task's document: national, provincial, city,
//   district), with how many agencies and documents; collectives are left out.
// param: role: string = "" — count only this role (lead, shared, support, implement); "" for every role
// example: role=lead
MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(t:Task), (d:Document)
WHERE d.id = t.documentId AND a.system IS NOT NULL AND coalesce(a.collective, false) = false
  AND ($role = '' OR r.role = $role)
WITH a.system AS system, d.level AS level, count(DISTINCT t) AS tasks, count(DISTINCT a) AS agencies,
     count(DISTINCT d) AS documents
WITH system, level, tasks, agencies, documents,
     CASE level WHEN 'national' THEN 1 WHEN 'provincial' THEN 2 WHEN 'city' THEN 3
                WHEN 'district' THEN 4 ELSE 5 END AS tier
RETURN system, level, tasks, agencies, documents
ORDER BY system, tier, level
