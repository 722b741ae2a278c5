SHOW EXTENDED INSERT INTO google.iam.service_accounts;
