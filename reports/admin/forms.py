"""The triage form of a report's admin page and of the bulk actions' confirmation pages.

The citizen's words are read-only; what staff set here goes through
reports.triage, which checks each step (and says why not, in Vietnamese).
"""

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..access import reply_templates_for, reports_for
from ..case_numbers import normalize_case_number
from ..codes import normalize_code
from ..models import ForwardTarget, RejectReason, ReplyTemplate, Report
from ..reply_templates import fill
from ..triage import (
    ORIGINAL_NOT_FOUND,
    REPLY_MAX_LENGTH,
    Refused,
    assignable_staff,
    display_name,
    offered_assignees,
    offered_from,
    receipt_values,
    snapshot,
    steps_for,
)


def _plain(value):
    """A field's value as posted: text with Unix line ends, "" for none."""
    return "" if value is None else str(value).replace("\r\n", "\n").strip()


NO_STEP = ""


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return display_name(obj)


class ReplyTemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_status_display()} — {obj.title}"


# The report page's keys for its steps (accesskey: Alt+key, Alt+Shift+key in Firefox), in
# the order of triage.STEPS; the step field's help text lists those the page offers.
STEP_KEYS = {
    NO_STEP: "0",
    "review": "1",
    "forward": "2",
    "resolve": "3",
    "reject": "4",
    "reopen": "5",
}


class StepRadios(forms.RadioSelect):
    """The step radios, each with its access key (STEP_KEYS)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        key = STEP_KEYS.get(str(value))
        if key:
            option["attrs"]["accesskey"] = key
        return option


class FilledTemplates(forms.Select):
    """The reply templates' select, each option carrying its text filled for the report
    (data-filled), read as the options are: no query more."""

    def __init__(self, values):
        super().__init__()
        self.values = values

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        template = getattr(value, "instance", None)
        if template is not None:
            option["attrs"]["data-filled"] = fill(template.text, self.values)
        return option


class StepFields(forms.Form):
    """Target, reason, original, reply template, reply and note: what a step may need."""

    target = forms.ChoiceField(
        label=_("Chuyển tới"),
        choices=[("", "—"), *ForwardTarget.choices],
        required=False,
        help_text=_("Bắt buộc khi chuyển cơ quan chức năng."),
    )
    reason = forms.ChoiceField(
        label=_("Lý do không xử lý"),
        choices=[("", "—"), *RejectReason.choices],
        required=False,
        help_text=_("Bắt buộc khi không xử lý."),
    )
    original = forms.CharField(
        label=_("Số hồ sơ của phản ánh gốc"),
        required=False,
        max_length=40,
        help_text=_(
            "Khi trùng với phản ánh khác: ví dụ DL-2026-000123 (hoặc mã biên nhận người dân "
            "đọc cho, ví dụ 7KQ2-M9XD-4TPA)."
        ),
    )
    template = ReplyTemplateChoiceField(
        label=_("Mẫu trả lời"),
        queryset=ReplyTemplate.objects.filter(is_active=True),
        required=False,
        empty_label="—",
        help_text=_("Chọn mẫu; để trống ô trả lời bên dưới thì dùng nguyên mẫu."),
    )
    reply = forms.CharField(
        label=_("Trả lời người dân"),
        required=False,
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_(
            "Hiện trên biên nhận của người dân, cùng trạng thái và ngày. Tối đa 500 ký tự; "
            "không ghi thông tin nội bộ."
        ),
    )
    note = forms.CharField(
        label=_("Ghi chú nội bộ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=_("Chỉ cán bộ thấy; không hiện cho người dân, không xuất ra tệp."),
    )

    user = None  # whose scope the original is looked up in

    def clean_original(self):
        """The original, looked up among the reports this user may triage only.

        A code of another province and a code no report has get the same
        message (ORIGINAL_NOT_FOUND): the form must not tell whether a report
        exists outside one's scope.
        """
        typed = self.cleaned_data.get("original", "").strip()
        if not typed:
            return None
        scope = reports_for(self.user)
        case_number, code = normalize_case_number(typed), normalize_code(typed)
        original = None
        if case_number:
            original = scope.filter(case_number=case_number).first()
        if original is None and code:
            original = scope.filter(code=code).first()
        if original is None:
            raise forms.ValidationError(ORIGINAL_NOT_FOUND)
        return original

    def reply_text(self):
        """The typed reply, else the chosen template; None: neither. reports.triage fills in
        the template's {source}, {target}… for each report."""
        typed = self.cleaned_data.get("reply", "").strip()
        template = self.cleaned_data.get("template")
        if typed:
            return typed
        if template is not None:
            return template.text
        return None


class TriageForm(StepFields, forms.ModelForm):
    """The report's admin page: next step, assignee, reply, note. Built per user and report."""

    user = None  # set by ReportAdmin.get_form

    refusal = None  # set by ReportAdmin.get_form when a save was refused and rolled back

    step = forms.ChoiceField(label=_("Bước tiếp theo"), required=False, widget=StepRadios)
    # Reports that may be this one's original (report_page.original_candidates): one click,
    # without copying a code from another tab; the typed code or number works as before.
    original_pick = forms.TypedChoiceField(
        label=_("Hoặc chọn phản ánh gốc"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "report-original-candidates"}),
    )
    assignee = StaffChoiceField(
        label=_("Người xử lý"), queryset=Report.objects.none(), required=False, empty_label="—"
    )
    # The report as the page showed it: its version, and what a stale save could overwrite
    # (triage.snapshot), to say what changed since. A save from an older version is refused.
    seen_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    seen = forms.CharField(required=False, widget=forms.HiddenInput)
    # Hidden until a save on a report someone else has is refused (clean): then a box.
    confirm_other = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # Likewise until forwarding a report about an official line is refused (clean).
    confirm_official = forms.BooleanField(
        label=_("Vẫn chuyển: tôi đã kiểm tra, đây không phải số chính thức gọi thật"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Report
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        report, user = self.instance, self.user
        self.fields["step"].choices = [(NO_STEP, _("Giữ nguyên trạng thái"))] + [
            (step.name, step.label) for step in steps_for(report, user)
        ]
        self.fields["step"].initial = NO_STEP
        self.fields["step"].help_text = _("Phím tắt: %(keys)s.") % {
            "keys": "; ".join(
                _("Alt+%(key)s (Firefox: Alt+Shift+%(key)s) “%(step)s”")
                % {"key": STEP_KEYS[name], "step": label}
                for name, label in self.fields["step"].choices
                if name in STEP_KEYS
            )
        }
        self._offer_originals(report, user)
        self.fields["reply"].initial = report.public_reply
        # National templates and the report's province's own, within the user's scope.
        templates = reply_templates_for(user, report.province)
        self.fields["template"].queryset = templates
        # Each template's text filled for this report, on its option, for
        # static/js/report-triage.js to put in the reply box when one is chosen; {target}
        # is left for the target chosen on the page (the script) or at the save
        # (triage.fill_reply, once the step is taken), and {code} for the save: the receipt
        # code is the citizen's key, never on a staff page.
        self.fields["template"].widget = FilledTemplates(
            {**receipt_values(report), "target": "{target}", "code": "{code}"}
        )
        self.fields["template"].widget.choices = self.fields["template"].choices
        if user.has_perm("reports.reassign_report"):
            # The province's own team, nobody chosen in advance (the current assignee stays).
            people = offered_assignees(report.province, current=report.assigned_to_id)
        else:
            # Without the right to reassign: take it if free, give back one's own.
            people = assignable_staff([report.province]).filter(pk=user.pk)
            if report.assigned_to_id not in (None, user.pk):
                people = people.model.objects.filter(pk=report.assigned_to_id)
                self.fields["assignee"].disabled = True
                self.fields["assignee"].help_text = _(
                    "Chỉ trưởng nhóm thanh tra mới giao lại phản ánh đang có người xử lý."
                )
        self.fields["assignee"].queryset = people
        self.fields["assignee"].initial = report.assigned_to_id
        self.fields["seen_version"].initial = report.version
        self.fields["seen"].initial = json.dumps(snapshot(report))
        self.other = report.assigned_to if report.assigned_to_id not in (None, user.pk) else None
        if self.other is not None:
            self.fields["confirm_other"].label = _("Vẫn xử lý thay %(name)s") % {
                "name": display_name(self.other)
            }

    def _offer_originals(self, report, user):
        """Up to ten reports of the same source and province in the user's scope, newest
        first, to pick as the original: only where "Không xử lý" is offered."""
        from .report_page import CANDIDATES, original_candidates

        field = self.fields["original_pick"]
        offered = {name for name, _label in self.fields["step"].choices}
        candidates = original_candidates(report, user) if "reject" in offered else []
        field.choices = [
            (
                candidate.pk,
                f"{candidate.case_number} · "
                f"{timezone.localtime(candidate.created_at).strftime('%d/%m/%Y %H:%M')} · "
                f"{candidate.get_status_display()}",
            )
            for candidate in candidates
        ]
        self.original_candidates = candidates
        if candidates:
            field.help_text = _(
                "Phản ánh cùng số %(source)s, cùng tỉnh, thành phố (tối đa %(max)s, mới nhất "
                "trước). Dùng với bước “Không xử lý”, lý do “Trùng với phản ánh khác”; ô số hồ "
                "sơ ở trên, nếu có ghi, được ưu tiên."
            ) % {"source": report.source, "max": CANDIDATES}
        else:
            field.help_text = _("Không có phản ánh nào khác cùng số, cùng tỉnh, thành phố.")

    def reply_text(self):
        """As StepFields', and a template chosen with the box left as the page showed it
        (the current reply: after reopening, the one withdrawn) replaces that reply."""
        typed = _plain(self.cleaned_data.get("reply", ""))
        template = self.cleaned_data.get("template")
        if template is not None and typed and typed == _plain(self.instance.public_reply):
            return template.text
        return super().reply_text()

    def seen_snapshot(self):
        """What the page showed (triage.snapshot), with the version it carried; {} if lost."""
        try:
            seen = json.loads(self.data.get(self.add_prefix("seen")) or "{}")
        except ValueError:
            seen = {}
        if not isinstance(seen, dict):
            seen = {}
        return {**seen, "version": self.cleaned_data.get("seen_version")}

    def _rebase(self, seen):
        """Show the page again on the report as it is now, keeping what was typed.

        A reply or an assignee left as the page showed them take the current
        values (saving again must not put the old ones back); a reply typed
        differently, a note, a step stay as typed. The version moves on, so
        the next save is the user's own decision on the current report.
        """
        current = snapshot(self.instance)
        data = self.data.copy()
        for name in ("reply", "assignee"):
            key = self.add_prefix(name)
            posted = _plain(data.get(key, ""))
            if name in seen and posted == _plain(seen[name]):
                data[key] = "" if current[name] is None else str(current[name])
        data[self.add_prefix("seen_version")] = str(current["version"])
        data[self.add_prefix("seen")] = json.dumps(current)
        self.data = data

    def clean(self):
        from .. import triage

        cleaned = super().clean()
        report, user = self.instance, self.user
        picked = cleaned.get("original_pick")
        if cleaned.get("original") is None and picked is not None and "original" in cleaned:
            # One of the offered candidates (the choices checked it), looked up in scope again.
            cleaned["original"] = reports_for(user).filter(pk=picked).first()
        if cleaned.get("seen_version") != report.version:
            seen = self.seen_snapshot()
            # A step offered by the old page may not be offered now: the refusal says why.
            self._errors.pop("step", None)
            self.add_error(None, str(triage.stale(report, seen)))
            self._rebase(seen)
            return cleaned  # no other check: they were made against a page no longer true
        if self.refusal is not None:  # the save was refused when written (a race): say why
            field = self.refusal.field if self.refusal.field in self.fields else None
            self.add_error(field, str(self.refusal))
        step = cleaned.get("step")
        if step:
            try:
                triage.check(
                    report,
                    step,
                    user,
                    target=cleaned.get("target", ""),
                    reason=cleaned.get("reason", ""),
                    original=cleaned.get("original"),
                    note=cleaned.get("note", ""),
                )
            except Refused as refused:
                field = refused.field if refused.field in self.fields else "step"
                self.add_error(field, str(refused))
        if "assignee" in self.changed_data:
            try:
                triage.check_assignment(report, cleaned.get("assignee"), user)
            except Refused as refused:
                self.add_error("assignee", str(refused))
        self._confirm_acting_for_other(cleaned)
        self._confirm_forwarding_official_line(cleaned)
        return cleaned

    def _confirm_forwarding_official_line(self, cleaned):
        """Forwarding a report about an official line is refused once, saying whose it is.

        Scammers spoof official numbers, and citizens report the real line too (a call
        they did not expect): reports about an inspectorate's own hotline went to the
        police. The inspector ticks the box once they have checked.
        """
        from .. import numbers
        from ..subjects import phone_subject

        if cleaned.get("step") != "forward" or cleaned.get("confirm_official"):
            return
        source = self.instance.source
        status = numbers.status(source, phone_subject(source))
        if not status.is_official:
            return
        self.fields["confirm_official"].widget = forms.CheckboxInput()
        self.add_error(
            "confirm_official",
            _(
                "%(source)s là số chính thức (%(names)s). Kẻ gian hay giả mạo số chính thức, "
                "và người dân cũng phản ánh nhầm cuộc gọi thật. Hãy kiểm tra trước khi chuyển; "
                "nếu vẫn chuyển, đánh dấu ô bên dưới rồi bấm lưu lần nữa."
            )
            % {"source": source, "names": ", ".join(status.official_names) or "—"},
        )

    def _confirm_acting_for_other(self, cleaned):
        """A step or a reply on a report someone else has: refused once, saying who,
        until the box is ticked. Handing it on in the same save is that decision already."""
        if self.other is None or cleaned.get("confirm_other") or "assignee" in self.changed_data:
            return
        reply = self.reply_text()
        acting = cleaned.get("step") or (reply is not None and reply != self.instance.public_reply)
        if not acting:
            return
        field = self.fields["confirm_other"]
        field.widget = forms.CheckboxInput()
        self.add_error(
            "confirm_other",
            _(
                "Phản ánh này đang giao cho %(name)s. Nếu vẫn lưu thay người đó, hãy đánh "
                "dấu ô “%(box)s” rồi bấm lưu lần nữa; hoặc trao đổi với %(name)s trước."
            )
            % {"name": display_name(self.other), "box": field.label},
        )


class StepConfirmationForm(StepFields):
    """The confirmation page of a bulk step that needs a target or a reason."""

    def __init__(self, *args, step, user, official_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.user = user
        if official_lines:
            # Forwarding reports about official lines (reports.admin.verdicts): say which,
            # and the box must be ticked, as on the report page.
            self.fields["confirm_official"] = forms.BooleanField(
                label=_("Vẫn chuyển cả các phản ánh về số chính thức: %(numbers)s")
                % {"numbers": ", ".join(official_lines)},
                help_text=_(
                    "Kẻ gian hay giả mạo số chính thức, và người dân cũng phản ánh nhầm cuộc "
                    "gọi thật. Hãy kiểm tra, hoặc bỏ chọn các phản ánh đó."
                ),
            )
        if step.needs != "target":
            del self.fields["target"]
        if step.needs != "reason":
            del self.fields["reason"]
            del self.fields["original"]
        templates = reply_templates_for(user).filter(status=step.to)
        self.fields["template"].queryset = templates
        if step.needs == "note":
            self.fields["note"].required = True
            self.fields["note"].label = _("Lý do mở lại")
            self.fields["note"].help_text = _("Bắt buộc; ghi vào lịch sử của từng phản ánh.")

    def clean(self):
        from .. import triage

        cleaned = super().clean()
        try:
            triage.check_details(
                self.step,
                target=cleaned.get("target", ""),
                reason=cleaned.get("reason", ""),
                original=cleaned.get("original"),
                note=cleaned.get("note", ""),
            )
        except Refused as refused:
            self.add_error(refused.field if refused.field in self.fields else None, str(refused))
        return cleaned


class AssignConfirmationForm(forms.Form):
    # Nobody chosen in advance: the first name of the list must not be a click away.
    assignee = StaffChoiceField(
        label=_("Giao cho"), queryset=Report.objects.none(), empty_label="—"
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        # The reports' provinces' inspectors and supervisors, not national staff (triage).
        self.fields["assignee"].queryset = offered_from(people)
