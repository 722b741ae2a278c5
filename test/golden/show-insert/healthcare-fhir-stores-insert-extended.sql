SHOW EXTENDED INSERT INTO google.healthcare.fhir_stores;
