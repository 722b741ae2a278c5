-- One create call per VALUES row; body fields come from data__ columns.
EXPLAIN INSERT INTO google.healthcare.datasets (projectsId, locationsId, datasetId, data__timeZone)
VALUES ('p', 'l', 'd1', 'UTC'), ('p', 'l', 'd2', 'Europe/Paris');
