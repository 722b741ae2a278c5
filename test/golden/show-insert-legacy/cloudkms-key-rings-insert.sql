SHOW INSERT INTO google.cloudkms.key_rings;
