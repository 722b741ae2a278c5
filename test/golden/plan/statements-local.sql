-- Metadata statements run from the provider documents; unsupported verbs say what runs.
EXPLAIN SHOW METHODS IN google.compute.instances;
EXPLAIN DESCRIBE google.compute.instances;
EXPLAIN REGISTRY LIST;
EXPLAIN PURGE;
