"""A local Neo4j 5.26 Community server with Neo4j Browser, assembled from Maven Central.

``policykg neo4j start|stop|status`` (pipeline/cli/neo4j_cmd.py) drives it; the
store writer and the tests get its Bolt address and credentials from here.
"""
from pipeline.neo4j.config import NEO4J_VERSION, USER, ServerConfig, load_config, resolve_password
from pipeline.neo4j.server import RunningServer, ServerStartError, StartResult, start, status, stop

__all__ = ["NEO4J_VERSION", "USER", "ServerConfig", "load_config", "resolve_password",
           "RunningServer", "ServerStartError", "StartResult", "start", "status", "stop"]
