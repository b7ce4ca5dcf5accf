"""wirefuse: an event-driven stream processor that enriches news wire reports and groups them into incidents."""

__version__ = "0.1.0"
PIPELINE_VERSION = f"wirefuse/{__version__}"
