-- A view is expanded into the query, so the outer WHERE and the view's terms both count.
CREATE VIEW ds AS SELECT name, timeZone FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l';
CREATE VIEW utc AS SELECT name FROM ds WHERE timeZone = 'UTC';
EXPLAIN SELECT * FROM utc ORDER BY name;
EXPLAIN CREATE VIEW other AS SELECT 1;
