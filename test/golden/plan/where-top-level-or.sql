-- A top-level OR makes the whole WHERE one term, so no parameter is bound.
EXPLAIN SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l' OR projectsId = 'q';
