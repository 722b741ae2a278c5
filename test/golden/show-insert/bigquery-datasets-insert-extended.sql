SHOW EXTENDED INSERT INTO google.bigquery.datasets;
