-- includeAllScopes belongs to aggregated_list only: with list chosen, SQLite filters on it.
EXPLAIN SELECT name FROM google.compute.instances
WHERE project = 'p' AND zone = 'z' AND includeAllScopes = true AND status = 'RUNNING';
