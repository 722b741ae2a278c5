SHOW EXTENDED INSERT INTO google.storage.buckets;
