-- skyql's runnable variant without EXTENDED: the INSERT ... SELECT template only
SHOW INSERT /*+ JSON */ INTO google.iam.service_accounts;
