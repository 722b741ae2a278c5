-- Only project is given: get and list need zone, aggregated_list fits.
EXPLAIN SELECT name, zone FROM google.compute.instances WHERE project = 'p';
