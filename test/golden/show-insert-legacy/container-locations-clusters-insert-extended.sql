SHOW EXTENDED INSERT INTO google.container."projects.locations.clusters";
