-- The seed query: six path parameters select retrieve_series (raw HttpBody, so not paged).
EXPLAIN SELECT contentType, data, extensions FROM google.healthcare.series_series
WHERE projectsId = 'p' AND locationsId = 'l' AND datasetsId = 'd'
  AND dicomStoresId = 's' AND studiesId = 'st' AND seriesId = 'se';
