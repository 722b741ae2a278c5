-- Three list methods: the topic-scoped one comes first and needs topicsId.
EXPLAIN SELECT name FROM google.pubsub.subscriptions WHERE projectsId = 'p';
EXPLAIN SELECT name FROM google.pubsub.subscriptions WHERE projectsId = 'p' AND topicsId = 't';
