-- Every project below an organisation drives a dependent join: the descent's calls are known only
-- as it runs (two list calls per folder it finds), then instances are listed once per project.
EXPLAIN SELECT p.projectId, i.name FROM skyql.org.projects p
JOIN google.compute.instances i ON i.project = p.projectId
WHERE p.root = 'organizations/123';
-- Folders below two roots, DELETE_REQUESTED ones included; depth and path are ordinary columns.
EXPLAIN SELECT name, depth, path FROM skyql.org.folders
WHERE root IN ('folders/1', 'folders/2') AND showDeleted = true AND depth <= 2;
