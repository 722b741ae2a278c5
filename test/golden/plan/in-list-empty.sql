-- No value satisfies both terms: no call is made.
EXPLAIN SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'a' AND locationsId = 'b';
