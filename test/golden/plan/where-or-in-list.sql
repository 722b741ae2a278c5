-- An OR of = / IN terms on one parameter binds like an IN list, across parentheses: one call per value.
EXPLAIN SELECT name FROM google.compute.instances WHERE project = 'p' AND (zone = 'us-east1-b' OR zone = 'europe-west1-d');
EXPLAIN SELECT name FROM google.compute.instances
WHERE project = 'p' AND ((zone = 'us-east1-b') OR zone IN ('us-east1-c', 'us-east1-b'));
