-- REPLACE uses the replace verb (PUT-like set_iam_policy here).
EXPLAIN REPLACE google.healthcare.datasets_iam_policies SET data__policy = '{"bindings": []}'
WHERE projectsId = 'p' AND locationsId = 'l' AND datasetsId = 'd';
