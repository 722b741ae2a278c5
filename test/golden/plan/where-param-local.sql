-- Terms on a parameter that no call can take (LIKE, <>, NOT IN, functions, OR over other columns) are
-- local filters: SQLite compares the response's zone (a URL in Compute), and EXPLAIN says so.
EXPLAIN SELECT name FROM google.compute.instances
WHERE project = 'p' AND zone LIKE 'us-%' AND zone <> 'x' AND zone NOT IN ('a') AND lower(zone) = 'b' AND (zone = 'c' OR status = 'RUNNING');
-- With zone bound the list method is used, and a further zone term still compares the response's zone.
EXPLAIN SELECT name FROM google.compute.instances WHERE project = 'p' AND zone = 'us-east1-b' AND zone LIKE '%-b';
