SHOW INSERT INTO google.storage.buckets;
