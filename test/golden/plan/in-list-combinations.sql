-- Two IN lists: every combination is a call.
EXPLAIN SELECT name FROM google.healthcare.datasets WHERE projectsId IN ('p1', 'p2') AND locationsId IN ('l1', 'l2');
