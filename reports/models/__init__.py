"""The reports app's tables, one module per topic; everything is importable from here."""

from .evidence import (
    EVIDENCE_DIR,
    Evidence,
    delete_evidence_files,
    evidence_path,
    evidence_storage,
    orphan_evidence_files,
)
from .hotlines import Channel, Hotline, HotlineQuerySet, validate_hotline_number
from .reports import InspectorProvince, Report
from .triage import ReportEvent

__all__ = [
    "EVIDENCE_DIR",
    "Channel",
    "Evidence",
    "Hotline",
    "HotlineQuerySet",
    "InspectorProvince",
    "Report",
    "ReportEvent",
    "delete_evidence_files",
    "evidence_path",
    "evidence_storage",
    "orphan_evidence_files",
    "validate_hotline_number",
]
