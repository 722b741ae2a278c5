SHOW EXTENDED INSERT /*+ REQUIRED */ INTO google.bigquery.datasets;
