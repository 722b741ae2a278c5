-- The resource has no SELECT method at all.
EXPLAIN SELECT * FROM google.healthcare.instances WHERE projectsId = 'p';
