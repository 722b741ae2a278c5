-- a resource without an INSERT method: StackQL's error, word for word
SHOW INSERT INTO google.pubsub.topics;
