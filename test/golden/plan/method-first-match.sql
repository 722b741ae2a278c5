-- Every SELECT method fits: StackQL takes the first in document order (get).
EXPLAIN SELECT name FROM google.compute.instances WHERE project = 'p' AND zone = 'z' AND instance = 'i';
