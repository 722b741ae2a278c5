-- No provider table: the statement goes to SQLite as written.
EXPLAIN SELECT 1 + 1 AS two;
