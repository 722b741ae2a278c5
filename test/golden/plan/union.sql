-- Each side of a UNION plans its own tables.
EXPLAIN SELECT name FROM google.compute.instances WHERE project = 'p' AND zone = 'a'
UNION ALL
SELECT name FROM google.compute.disks WHERE project = 'p' AND zone = 'a';
