-- (EXEC ...) as a row source: called once (never from the cache), its rows under the objectKey become a table.
EXPLAIN select members, GROUP_CONCAT(role) as roles
from ( exec /*+ SHOWRESULTS */ google.cloudresourcemanager.projects_iam_policies.get_iam_policy @projectsId = 'p' )
GROUP BY members;
-- beside a provider table; an argument that is an expression is computed when the query runs
EXPLAIN SELECT b.name, t.role
FROM google.storage.buckets b
JOIN (EXEC google.cloudresourcemanager.projects_iam_policies.get_iam_policy @projectsId = lower('P'), @@json = '{"options": {}}') t
  ON t.role = 'roles/owner'
WHERE b.project = 'p';
