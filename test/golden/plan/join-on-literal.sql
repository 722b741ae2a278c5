-- A literal in ON binds like a WHERE term.
EXPLAIN SELECT z.name, i.name FROM google.compute.zones z
JOIN google.compute.instances i ON i.zone = z.name AND i.project = 'p'
WHERE z.project = 'p';
