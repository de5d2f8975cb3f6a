"""The JSON API's side of what the scammer used: lists in, the report's rows out.

A JSON body gives `links`, `bank_accounts` and `social_accounts` as lists;
ReportForm reads form fields (`links` one per line, `bank_1`/`account_1`…),
so `used_from_json` turns one into the other before the form sees it, and
`used_payload` echoes what was stored, normalised.
"""

from django.utils.translation import gettext as _

from .forms_used import ACCOUNT_ROWS, MAX_LINKS, SOCIAL_ROWS

# The JSON names that are lists or objects, not the form's strings.
STRUCTURED = ("links", "bank_accounts", "social_accounts")
# Booleans and whole numbers as JSON has them.
BOOLEANS = ("paid", "gave_code", "installed_app", "scam")


def _rows(value, limit, keys, example, label):
    """A list of objects with string values → (list of dicts, error or None)."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        return None, _("Hãy gửi danh sách đối tượng, ví dụ %(example)s.") % {"example": example}
    if len(value) > limit:
        return None, _("Tối đa %(limit)s %(label)s; bạn đã gửi %(count)s.") % {
            "limit": limit,
            "label": label,
            "count": len(value),
        }
    rows = []
    for n, item in enumerate(value, 1):
        row = {}
        for key in keys:
            text = item.get(key)
            if text is None:
                text = ""
            if not isinstance(text, str):
                return None, _("%(label)s %(n)s: “%(key)s” phải là chuỗi.") % {
                    "label": label.capitalize(),
                    "n": n,
                    "key": key,
                }
            row[key] = text
        rows.append(row)
    return rows, None


def used_from_json(data):
    """Pop the structured fields off a JSON object → (form fields, per-parameter errors)."""
    fields, errors = {}, {}
    links = data.pop("links", None)
    if links is not None:
        if not isinstance(links, list) or not all(isinstance(link, str) for link in links):
            errors["links"] = [
                _('Hãy gửi danh sách chuỗi, ví dụ ["vietcombank-vn.com/dang-nhap"].')
            ]
        elif len(links) > MAX_LINKS:
            errors["links"] = [
                _("Chỉ ghi được tối đa %(limit)s đường link; bạn đã ghi %(count)s.")
                % {"limit": MAX_LINKS, "count": len(links)}
            ]
        elif any("\n" in link or "\r" in link for link in links):
            errors["links"] = [_("Mỗi đường link là một chuỗi, không xuống dòng.")]
        else:
            fields["links"] = "\n".join(links)
    accounts = data.pop("bank_accounts", None)
    if accounts is not None:
        rows, error = _rows(
            accounts,
            len(ACCOUNT_ROWS),
            ("bank", "number"),
            '[{"bank": "VCB", "number": "0011001234567"}]',
            _("tài khoản"),
        )
        if error:
            errors["bank_accounts"] = [error]
        for n, row in enumerate(rows or [], 1):
            fields[f"bank_{n}"], fields[f"account_{n}"] = row["bank"], row["number"]
    socials = data.pop("social_accounts", None)
    if socials is not None:
        rows, error = _rows(
            socials,
            len(SOCIAL_ROWS),
            ("platform", "handle"),
            '[{"platform": "zalo", "handle": "0912345678"}]',
            _("tài khoản mạng xã hội"),
        )
        if error:
            errors["social_accounts"] = [error]
        for n, row in enumerate(rows or [], 1):
            fields[f"platform_{n}"], fields[f"handle_{n}"] = row["platform"], row["handle"]
    for name in BOOLEANS:
        value = data.get(name)
        if value is None or isinstance(value, bool) or (name == "scam" and isinstance(value, str)):
            continue
        if value in (0, 1) and not isinstance(value, float):
            data[name] = bool(value)
        elif not isinstance(value, str):
            errors[name] = [_("Hãy gửi true hoặc false.")]
            data.pop(name)
    amount = data.get("amount_lost")
    if isinstance(amount, int) and not isinstance(amount, bool):
        data["amount_lost"] = str(amount)
    elif isinstance(amount, float):
        errors["amount_lost"] = [_("Hãy gửi số tiền đồng chẵn, ví dụ 5000000.")]
        data.pop("amount_lost")
    return fields, errors


def used_payload(report):
    """What the 201 (and its replay) echoes: the channel and what was used, normalised."""
    return {
        "channel": report.channel or None,
        "links": [{"url": link.url, "domain": link.domain} for link in report.links.all()],
        "bank_accounts": [
            {
                "bin": account.bank.bin if account.bank_id else None,
                "bank": account.bank.short_name if account.bank_id else None,
                "bank_as_typed": account.bank_as_typed,
                "number": account.number,
                "key": account.key,
            }
            for account in report.bank_accounts.select_related("bank")
        ],
        "social_accounts": [
            {"platform": account.platform, "handle": account.handle, "key": account.key}
            for account in report.social_accounts.all()
        ],
        "paid": report.paid,
        "gave_code": report.gave_code,
        "installed_app": report.installed_app,
        "amount_lost": report.amount_lost,
        "payment_method": report.payment_method or None,
        "lost_on": report.lost_on.isoformat() if report.lost_on else None,
    }
