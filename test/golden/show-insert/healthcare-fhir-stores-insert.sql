SHOW INSERT INTO google.healthcare.fhir_stores;
