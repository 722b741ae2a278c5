SHOW INSERT INTO google.compute.acceleratorTypes;
