-- An IN list fans out: one call per value, the value kept in a column of the rows.
EXPLAIN SELECT zone, count(*) FROM google.compute.instances
WHERE project = 'p' AND zone IN ('us-east1-b', 'us-east1-c', 'europe-west1-d') GROUP BY zone;
