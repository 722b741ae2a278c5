-- An OR term binds nothing: list is chosen and SQLite evaluates the OR.
EXPLAIN SELECT name FROM google.healthcare.datasets
WHERE projectsId = 'p' AND locationsId = 'l' AND (name LIKE '%a' OR timeZone = 'UTC');
