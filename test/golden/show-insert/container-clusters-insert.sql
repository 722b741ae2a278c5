SHOW INSERT INTO google.container.clusters;
