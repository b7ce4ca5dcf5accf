"""The stage functions of the pipeline: parse, tag, publish (incident matching lives in streams.incidents)."""
