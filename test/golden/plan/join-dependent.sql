-- Instances are fetched once per zone the zones table returned (a dependent join).
EXPLAIN SELECT z.name, i.name FROM google.compute.zones z
JOIN google.compute.instances i ON i.zone = z.name
WHERE z.project = 'p' AND i.project = 'p';
