-- No SELECT method has its required parameters: the error names what each one misses.
EXPLAIN SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p';
