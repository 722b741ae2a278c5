-- Both tables are served by their literals; the join on response columns runs in SQLite.
EXPLAIN SELECT a.name, b.name FROM google.healthcare.datasets a, google.healthcare.datasets b
WHERE a.projectsId = 'p' AND a.locationsId = 'l' AND b.projectsId = 'q' AND b.locationsId = 'l' AND a.timeZone = b.timeZone;
