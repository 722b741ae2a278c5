-- INSERT ... SELECT: the SELECT's plan, then one call per row it returns.
EXPLAIN INSERT INTO google.healthcare.datasets (projectsId, locationsId, datasetId)
SELECT 'p2', 'l', name FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l';
