-- A dependent join times an IN list.
EXPLAIN SELECT d.name, s.name FROM google.healthcare.datasets d
JOIN google.healthcare.dicom_stores s ON s.datasetsId = d.name
WHERE d.projectsId = 'p' AND d.locationsId = 'l' AND s.projectsId = 'p' AND s.locationsId IN ('l', 'm');
