SHOW EXTENDED INSERT INTO google.container.clusters;
