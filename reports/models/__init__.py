"""The reports app's tables, one module per topic; everything is importable from here."""

from .bulk import BulkStep
from .case_numbers import CaseCounter
from .evidence import (
    EVIDENCE_DIR,
    Evidence,
    delete_evidence_files,
    evidence_path,
    evidence_storage,
    orphan_evidence_files,
)
from .exports import (
    EXPORT_DIR,
    Export,
    delete_export_file,
    export_path,
    export_storage,
)
from .hotlines import Channel, Hotline, HotlineQuerySet, validate_hotline_number
from .numbers import NumberMark
from .reports import ForwardTarget, InspectorProvince, RejectReason, Report, ReportQuerySet
from .saved_searches import SavedSearch
from .submissions import SubmissionKey
from .triage import ReplyTemplate, ReportEvent, ReportNote
from .used import (
    Bank,
    Origin,
    PaymentMethod,
    Platform,
    ReportBankAccount,
    ReportChannel,
    ReportLink,
    ReportSocialAccount,
    Subject,
)

__all__ = [
    "EVIDENCE_DIR",
    "EXPORT_DIR",
    "Bank",
    "BulkStep",
    "CaseCounter",
    "Channel",
    "Evidence",
    "Export",
    "ForwardTarget",
    "Hotline",
    "HotlineQuerySet",
    "InspectorProvince",
    "NumberMark",
    "Origin",
    "PaymentMethod",
    "Platform",
    "RejectReason",
    "ReplyTemplate",
    "Report",
    "ReportBankAccount",
    "ReportChannel",
    "ReportEvent",
    "ReportLink",
    "ReportNote",
    "ReportQuerySet",
    "ReportSocialAccount",
    "SavedSearch",
    "Subject",
    "SubmissionKey",
    "delete_evidence_files",
    "delete_export_file",
    "evidence_path",
    "evidence_storage",
    "export_path",
    "export_storage",
    "orphan_evidence_files",
    "validate_hotline_number",
]
