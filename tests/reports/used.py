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
    for url in links:
        ReportLink.objects.create(report=report, url=url)
    for bank, number, *origin in accounts:
        ReportBankAccount.objects.create(
            report=report, bank=bank, number=number, origin=origin[0] if origin else "citizen"
        )
    for platform, handle in socials:
        ReportSocialAccount.objects.create(report=report, platform=platform, handle=handle)
    return report
