-- Parameters named like SQL words bind, quoted or not; names SQLite reserves reach it quoted.
EXPLAIN SELECT title, view FROM google.iam.roles WHERE view = 'FULL';
EXPLAIN SELECT name FROM google.dataproc.workflow_templates
WHERE projectsId = 'p' AND regionsId = 'r' AND workflowTemplatesId = 'w' AND version = 3;
EXPLAIN SELECT order, count FROM google.clouderrorreporting.group_stats
WHERE projectsId = 'p' AND locationsId = 'l' AND "order" = 'COUNT_DESC' AND (order LIKE 'C%' OR count > 1) ORDER BY "order";
EXPLAIN SELECT id, all FROM google.bigquery.datasets WHERE projectId = 'p' AND all = true;
EXPLAIN INSERT INTO google.storage.folders (bucket, recursive, data__name) VALUES ('b', true, 'f/');
