-- get comes first and its parameters are all given; SELECT * lists the response columns.
EXPLAIN SELECT * FROM google.healthcare.datasets
WHERE projectsId = 'p' AND locationsId = 'l' AND datasetsId = 'd1';
