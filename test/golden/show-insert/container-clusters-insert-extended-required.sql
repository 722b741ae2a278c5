SHOW EXTENDED INSERT /*+ REQUIRED */ INTO google.container.clusters;
