-- DELETE without the instance: no delete method fits.
EXPLAIN DELETE FROM google.compute.instances WHERE project = 'p' AND zone = 'z';
