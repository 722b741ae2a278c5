-- A CTE over a provider table; the count runs in SQLite.
EXPLAIN WITH ds AS (SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l')
SELECT count(*) AS n FROM ds;
