-- Pub/Sub takes the mask in the body: it names the fields of the object set.
EXPLAIN UPDATE google.pubsub.topics SET data__topic = '{"labels": {"env": "dev"}}'
WHERE projectsId = 'p' AND topicsId = 't';
