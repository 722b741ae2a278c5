-- A local table filled from a provider table, and a materialized view refreshed later.
EXPLAIN CREATE TABLE mine AS SELECT name FROM google.healthcare.datasets WHERE projectsId = 'p' AND locationsId = 'l';
CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one;
EXPLAIN REFRESH MATERIALIZED VIEW mv;
EXPLAIN DROP TABLE mine;
