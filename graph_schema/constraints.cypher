// policykg graph: constraints and indexes for Neo4j 5.
// Every statement is idempotent (IF NOT EXISTS); run them before the first write.
// The embedded store (LadybugDB) declares the same keys as PRIMARY KEY (id) in
// ladybug-schema.cypher.

// Keys: every label is keyed by `id`; Agency and Indicator by `name` as well
// (id = "agency:" + name, or "agency:unknown:" + name for a name whose place is not known;
// "indicator:" + name).
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT section_id IF NOT EXISTS FOR (n:Section) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (n:Measure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_name IF NOT EXISTS FOR (n:Agency) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_name IF NOT EXISTS FOR (n:Indicator) REQUIRE n.name IS UNIQUE;

// Replacing a document finds its nodes by documentId.
CREATE INDEX section_document IF NOT EXISTS FOR (n:Section) ON (n.documentId);
CREATE INDEX measure_document IF NOT EXISTS FOR (n:Measure) ON (n.documentId);
CREATE INDEX task_document IF NOT EXISTS FOR (n:Task) ON (n.documentId);
CREATE INDEX target_document IF NOT EXISTS FOR (n:Target) ON (n.documentId);

// What researchers filter on.
CREATE INDEX document_level IF NOT EXISTS FOR (n:Document) ON (n.level);
CREATE INDEX document_stub IF NOT EXISTS FOR (n:Document) ON (n.stub);
CREATE INDEX target_year IF NOT EXISTS FOR (n:Target) ON (n.year);
CREATE INDEX agency_system IF NOT EXISTS FOR (n:Agency) ON (n.system);
CREATE INDEX agency_collective IF NOT EXISTS FOR (n:Agency) ON (n.collective);
CREATE INDEX responsible_role IF NOT EXISTS FOR ()-[r:RESPONSIBLE_FOR]-() ON (r.role);
CREATE FULLTEXT INDEX document_title IF NOT EXISTS FOR (n:Document) ON EACH [n.title];

// `policykg search`: the text of measures, tasks and targets, cut into words by the cjk
// analyzer (CJK bigrams), ranked by Lucene's score (pipeline/graph/search.py).
CREATE FULLTEXT INDEX policy_text IF NOT EXISTS FOR (n:Measure|Task|Target) ON EACH [n.title, n.text, n.indicator] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
