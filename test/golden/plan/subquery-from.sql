-- A subquery in FROM and one in WHERE, each with its own provider table.
EXPLAIN SELECT t.name FROM (SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l') t
WHERE t.name IN (SELECT name FROM google.healthcare.datasets WHERE projectsId = 'q' AND locationsId = 'l');
