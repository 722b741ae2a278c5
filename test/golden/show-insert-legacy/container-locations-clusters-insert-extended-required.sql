SHOW EXTENDED INSERT /*+ REQUIRED */ INTO google.container."projects.locations.clusters";
