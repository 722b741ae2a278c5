SHOW INSERT INTO google.iam.service_accounts;
