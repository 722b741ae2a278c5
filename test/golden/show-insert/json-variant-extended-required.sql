-- skyql's runnable variant: a <<<json block of empty values and the INSERT ... SELECT template
SHOW EXTENDED INSERT /*+ REQUIRED, JSON */ INTO google.healthcare.datasets;
