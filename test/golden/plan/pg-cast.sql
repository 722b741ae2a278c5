-- PostgreSQL casts become CAST for SQLite; a full-name column qualifier becomes the table alias.
EXPLAIN SELECT google.healthcare.datasets.name::text AS n FROM google.healthcare.datasets
WHERE projectsId = 'p' AND locationsId = 'l';
