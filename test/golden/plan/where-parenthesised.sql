-- Parenthesised AND operands count as terms; a literal on the left works too.
EXPLAIN SELECT name FROM google.healthcare.datasets
WHERE (projectsId = 'p' AND (locationsId = 'l')) AND 'd' = datasetsId;
