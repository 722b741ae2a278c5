SHOW EXTENDED INSERT INTO google.cloudkms.key_rings;
