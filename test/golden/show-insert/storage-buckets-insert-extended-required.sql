SHOW EXTENDED INSERT /*+ REQUIRED */ INTO google.storage.buckets;
