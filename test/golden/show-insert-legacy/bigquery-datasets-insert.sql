SHOW INSERT INTO google.bigquery.datasets;
