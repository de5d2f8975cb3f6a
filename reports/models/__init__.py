"""The reports app's tables, one module per topic; everything is importable from here."""

from .bulk import BulkStep
from .evidence import (
    EVIDENCE_DIR,
    Evidence,
    delete_evidence_files,
    evidence_path,
    evidence_storage,
    orphan_evidence_files,
)
from .hotlines import Channel, Hotline, HotlineQuerySet, validate_hotline_number
from .numbers import NumberMark
from .reports import ForwardTarget, InspectorProvince, RejectReason, Report, ReportQuerySet
from .triage import ReplyTemplate, ReportEvent, ReportNote

__all__ = [
    "EVIDENCE_DIR",
    "BulkStep",
    "Channel",
    "Evidence",
    "ForwardTarget",
    "Hotline",
    "HotlineQuerySet",
    "InspectorProvince",
    "NumberMark",
    "RejectReason",
    "ReplyTemplate",
    "Report",
    "ReportEvent",
    "ReportNote",
    "ReportQuerySet",
    "delete_evidence_files",
    "evidence_path",
    "evidence_storage",
    "orphan_evidence_files",
    "validate_hotline_number",
]
