// LadybugDB (embedded store) schema, written by pipeline.graph.schema.ladybug_ddl_text().
// Do not edit: change pipeline/graph/schema.py and regenerate; tests/test_embedded_store.py
// checks this file against it. Rel tables with several FROM/TO pairs take relationships
// from several labels (Kùzu multi-pair REL TABLE).
CREATE NODE TABLE Document(id STRING, caption STRING, title STRING, issuer STRING, date STRING, region STRING, level STRING, source STRING, stub BOOLEAN, number STRING, kind STRING, effective STRING, fingerprint STRING, dateDays INT64, text STRING, PRIMARY KEY (id));
CREATE NODE TABLE Section(id STRING, caption STRING, documentId STRING, position INT64, number STRING, title STRING, PRIMARY KEY (id));
CREATE NODE TABLE Measure(id STRING, caption STRING, documentId STRING, position INT64, section INT64, number STRING, title STRING, text STRING, page INT64, paragraph INT64, charStart INT64, charEnd INT64, searchText STRING, PRIMARY KEY (id));
CREATE NODE TABLE Task(id STRING, caption STRING, documentId STRING, position INT64, measure INT64, section INT64, text STRING, page INT64, paragraph INT64, charStart INT64, charEnd INT64, searchText STRING, PRIMARY KEY (id));
CREATE NODE TABLE Target(id STRING, caption STRING, documentId STRING, indicator STRING, value DOUBLE, unit STRING, valueText STRING, kind STRING, direction STRING, comparator STRING, year INT64, baselineYear INT64, text STRING, measure INT64, task INT64, section INT64, page INT64, paragraph INT64, charStart INT64, charEnd INT64, sentence STRING, baselineValue DOUBLE, attribute STRING, searchText STRING, PRIMARY KEY (id));
CREATE NODE TABLE Agency(id STRING, caption STRING, name STRING, system STRING, collective BOOLEAN, region STRING, PRIMARY KEY (id));
CREATE NODE TABLE Indicator(id STRING, caption STRING, name STRING, PRIMARY KEY (id));
CREATE REL TABLE HAS_SECTION(FROM Document TO Section, MANY_MANY);
CREATE REL TABLE HAS_MEASURE(FROM Section TO Measure, FROM Document TO Measure, MANY_MANY);
CREATE REL TABLE HAS_TASK(FROM Measure TO Task, FROM Section TO Task, FROM Document TO Task, MANY_MANY);
CREATE REL TABLE RESPONSIBLE_FOR(FROM Agency TO Task, role STRING, mention STRING, MANY_MANY);
CREATE REL TABLE SETS_TARGET(FROM Task TO Target, FROM Measure TO Target, FROM Section TO Target, FROM Document TO Target, MANY_MANY);
CREATE REL TABLE FOR_INDICATOR(FROM Target TO Indicator, MANY_MANY);
CREATE REL TABLE IMPLEMENTS(FROM Document TO Document, MANY_MANY);
CREATE REL TABLE REFERENCES(FROM Measure TO Document, FROM Document TO Document, MANY_MANY);
CREATE REL TABLE SIMILAR_TO(FROM Measure TO Measure, score DOUBLE, MANY_MANY);
