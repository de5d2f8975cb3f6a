"""Admin, the staff's interface: hotlines, the inspectors' triage, reply templates.

One module a topic: banks.py (the banks' list), hotlines.py (hotlines, inspectors' provinces),
reports.py (the report list and page), filters.py, forms.py (the triage
form), actions.py (bulk steps and their confirmation pages), saved_searches.py (the
menu's saved searches of the report list).
"""

from . import banks, hotlines, reports, saved_searches  # noqa: F401 - registers the ModelAdmins
