"""What the scammer used, stored as filing stores it: helpers for the tests of issue 18."""

from reports.models import Bank, ReportBankAccount, ReportLink, ReportSocialAccount


def vietcombank():
    """Vietcombank, whether or not migration 0023's bank list is there (by its abbreviation)."""
    bank, _created = Bank.objects.update_or_create(
        abbr="VCB",
        defaults={
            "bin": "970436",
            "short_name": "Vietcombank",
            "full_name": "Ngân hàng TMCP Ngoại thương Việt Nam",
            "source": "test",
        },
    )
    return bank


def used(report, links=(), accounts=(), socials=()):
    """A report's rows of what was used: links, (bank, number[, origin]), (platform, handle)."""
    for link in links:  # a URL, or (URL, domain) for one the naive rules cannot key
        url, domain = (link, "") if isinstance(link, str) else link
        ReportLink.objects.create(report=report, url=url, domain=domain)
    for bank, number, *origin in accounts:
        ReportBankAccount.objects.create(
            report=report, bank=bank, number=number, origin=origin[0] if origin else "citizen"
        )
    for platform, handle in socials:
        ReportSocialAccount.objects.create(report=report, platform=platform, handle=handle)
    return report
