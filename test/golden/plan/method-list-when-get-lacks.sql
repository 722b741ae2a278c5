-- get needs datasetsId, so list is chosen.
EXPLAIN SELECT name, timeZone FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l';
