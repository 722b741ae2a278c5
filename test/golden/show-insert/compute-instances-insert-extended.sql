SHOW EXTENDED INSERT INTO google.compute.instances;
