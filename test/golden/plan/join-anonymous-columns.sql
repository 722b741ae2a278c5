-- Over two tables StackQL names unaliased expressions col_1, col_2, … (counting only those); one table keeps the text.
EXPLAIN SELECT i.name, 'vm ' || i.name, n.name AS network, length(n.name)
FROM google.compute.instances i JOIN google.compute.networks n ON n.selfLink = json_extract(i.networkInterfaces, '$[0].network')
WHERE i.project = 'p' AND i.zone = 'z' AND n.project = 'p';
EXPLAIN SELECT 'vm ' || name FROM google.compute.instances WHERE project = 'p' AND zone = 'z';
