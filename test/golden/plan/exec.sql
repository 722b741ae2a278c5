-- EXEC names its method; @@json is the whole request body.
EXPLAIN EXEC google.compute.instances.start @project = 'p', @zone = 'z', @instance = 'i';
EXPLAIN EXEC google.compute.instances.set_labels @project = 'p', @zone = 'z', @instance = 'i'
  @@json = '{"labels": {"env": "dev"}, "labelFingerprint": "abc"}';
