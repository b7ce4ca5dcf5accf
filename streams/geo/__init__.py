"""Location stage: an offline GeoNames gazetteer and the tagger that resolves place mentions against it."""

from streams.geo.gazetteer import Candidate, Gazetteer, load_gazetteer
from streams.geo.tagger import LocationTagger

__all__ = ["Candidate", "Gazetteer", "LocationTagger", "load_gazetteer"]
