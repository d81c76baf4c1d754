"""lexqa: offline legal research and cited QA for Indonesian immigration and TPPO law.

Pipeline (one subpackage per stage): ingest → parse → index → retrieve → answer → cite.
"""

__version__ = "0.1.0"
