"""The inspector role (thanh tra): triages citizen reports in admin."""

INSPECTORS = "Thanh tra viên"
