SHOW EXTENDED INSERT /*+ REQUIRED */ INTO google.healthcare.fhir_stores;
