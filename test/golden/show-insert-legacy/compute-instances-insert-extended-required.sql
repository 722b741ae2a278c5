SHOW EXTENDED INSERT /*+ REQUIRED */ INTO google.compute.instances;
