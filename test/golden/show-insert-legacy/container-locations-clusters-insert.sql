SHOW INSERT INTO google.container."projects.locations.clusters";
