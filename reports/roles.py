"""Staff roles of triage, as Django groups created by migrations.

- Thanh tra viên (inspector): triages the reports of their province(s):
  takes them, reviews, forwards, rejects, resolves.
- Trưởng nhóm thanh tra (supervisor): all that, and reassigns reports to
  colleagues, reopens closed ones, edits their province's reply templates
  and approves the number marks colleagues of their province propose
  (reports.approve_numbermark: official lines, marks that overturn a
  verdict, withdrawals), and settles their province's disagreements with
  the national verdict.
- Thanh tra toàn quốc (national inspector): a supervisor for every province,
  and for national marks and reply templates; no user administration.

Publishers and administrators are advisories' roles (advisories.roles).
"""

from django.utils.translation import gettext_lazy as _

from advisories.roles import ADMINISTRATORS, PUBLISHERS

INSPECTORS = "Thanh tra viên"
SUPERVISORS = "Trưởng nhóm thanh tra"
NATIONAL_INSPECTORS = "Thanh tra toàn quốc"

# `create_staff --role …`: the command-line names of every staff role.
ROLES = {
    "publisher": PUBLISHERS,
    "inspector": INSPECTORS,
    "supervisor": SUPERVISORS,
    "national": NATIONAL_INSPECTORS,
    "administrator": ADMINISTRATORS,
}

ROLE_LABELS = {
    INSPECTORS: _("Thanh tra viên: xử lý phản ánh của tỉnh, thành phố được giao"),
    SUPERVISORS: _(
        "Trưởng nhóm thanh tra: như thanh tra viên, thêm giao việc, mở lại phản ánh "
        "và sửa mẫu trả lời"
    ),
    NATIONAL_INSPECTORS: _("Thanh tra toàn quốc: xử lý phản ánh của mọi tỉnh, thành phố"),
}
