SHOW EXTENDED INSERT /*+ REQUIRED */ INTO google.cloudkms.key_rings;
