// name: search
// title: Measures, tasks and targets holding some words, those holding most first
// answers: Which measures, tasks and targets hold the words of a text (cut by jieba, as
//   `policykg search` cuts it), ranked by how many of the words each holds, with the
//   document and where the text is (page, paragraph, characters; null until the parser
//   places them). `policykg search` ranks the same hits finer (BM25, or Neo4j's full-text index).
// param: text: words — the words to look for, e.g. 煤炭消费 or 岸电 船舶
// param: limit: int = 20 — how many hits to list
// example: text=煤炭消费
// Runs on both stores: $text_words are the jieba words of $text, and searchText holds each
// node's words framed by spaces (graph_schema/MODEL.md), so ' w ' matches a whole word only.
UNWIND $text_words AS w
MATCH (n:Measure|Task|Target)
WHERE n.searchText CONTAINS (' ' + w + ' ')
WITH n, count(DISTINCT w) AS matched
MATCH (d:Document)
WHERE d.id = n.documentId
RETURN CASE WHEN n.id CONTAINS '/tg' THEN 'target' WHEN n.id CONTAINS '/t' THEN 'task' ELSE 'measure' END AS kind,
       matched AS words, n.id AS id, d.title AS document, n.text AS text,
       n.page AS page, n.paragraph AS paragraph, n.charStart AS charStart, n.charEnd AS charEnd
ORDER BY words DESC, id
LIMIT $limit
