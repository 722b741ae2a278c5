-- Repeated terms on one parameter intersect: one value is left, so one call.
EXPLAIN SELECT name FROM google.healthcare.datasets
WHERE projectsId = 'p' AND locationsId IN ('l1', 'l2') AND locationsId = 'l2';
