SHOW EXTENDED INSERT /*+ REQUIRED */ INTO google.iam.service_accounts;
