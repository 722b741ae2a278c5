SHOW EXTENDED INSERT INTO google.compute.disks;
