SHOW INSERT INTO google.compute.disks;
