SHOW INSERT INTO google.compute.instances;
