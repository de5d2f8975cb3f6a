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
from .numbers import NumberMark
from .reports import ForwardTarget, InspectorProvince, RejectReason, Report, ReportQuerySet
from .submissions import SubmissionKey
from .triage import ReplyTemplate, ReportEvent, ReportNote

__all__ = [
    "EVIDENCE_DIR",
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
    "SubmissionKey",
    "delete_evidence_files",
    "evidence_path",
    "evidence_storage",
    "orphan_evidence_files",
    "validate_hotline_number",
]
