"""The graph: records become one networkx MultiDiGraph, which every writer consumes.

Conventions of the in-memory graph (``pipeline.graph.build``):

* node key: a string id, unique across the whole graph
  (``Document``: the document id; ``Agency``: ``agency:<canonical name>``, or
  ``agency:unknown:<name>`` when its place is not known;
  ``Indicator``: ``indicator:<normalised name>``; per-document nodes:
  ``<documentId>/s3``, ``<documentId>/m12``, ``<documentId>/m12/t2`` (a task outside
  measures: ``<documentId>/s3/t1`` or ``<documentId>/t1``), ``<documentId>/tg5`` for targets).
* node attributes: ``label`` (one of the labels in graph_schema/) and the node's
  properties in camelCase, including ``id``.
* edge attributes: ``type`` (the relationship type) and its properties.

Stores (``pipeline.graph.store.GraphStore``) take the subgraph of one document and
replace that document in one transaction.
"""
