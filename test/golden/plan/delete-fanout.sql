-- DELETE fans out over IN lists; AWAIT polls each operation.
EXPLAIN DELETE /*+ AWAIT */ FROM google.compute.instances
WHERE project = 'p' AND zone = 'z' AND instance IN ('a', 'b');
