-- UPDATE chooses patch and fills updateMask from the SET columns; the IN list fans out.
EXPLAIN UPDATE google.healthcare.datasets SET data__timeZone = 'UTC'
WHERE projectsId = 'p' AND locationsId = 'l' AND datasetsId IN ('a', 'b');
