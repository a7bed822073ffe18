// name: implements-hierarchy
// title: The IMPLEMENTS hierarchy
// answers: Which document implements (贯彻落实) which higher-level document: every
//   IMPLEMENTS link with both ends' levels, and whether the parent is itself in the
//   graph (parentIngested true) or only known from the citation.
MATCH (c:Document)-[:IMPLEMENTS]->(p:Document)
RETURN c.id AS document, c.title AS documentTitle, c.level AS level,
       p.id AS parent, p.title AS parentTitle, p.level AS parentLevel,
       NOT coalesce(p.stub, false) AS parentIngested
ORDER BY document, parent
