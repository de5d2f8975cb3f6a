"""What the scammer used, for demo reports: accounts, links, chat accounts and money lost.

Drawn from small pools, so the repeat screen and the look-up have accounts and
domains reported many times, as in life (a mule account is reused until frozen).
It has its own generator: the rows drawn before issue 18 stay the same per seed.
"""

import datetime

from ..models import Bank, ReportBankAccount, ReportLink, ReportSocialAccount
from ..models.used import PaymentMethod, Platform, account_key
from ..used import link_domain, social_key

# Of the scam reports (LD): how many name each. A spam report names none.
ACCOUNT_SHARE = 0.22
LINK_SHARE = 0.18
SOCIAL_SHARE = 0.10
# Of those that name an account: how many paid into it.
PAID_SHARE = 0.35
GAVE_CODE_SHARE = 0.06  # of the scam reports: read out an OTP

# The banks mule accounts are most often opened at, by abbreviation (reports.bank_list).
BANKS = ["VCB", "ICB", "BIDV", "VBA", "TCB", "MB", "VPB", "ACB", "STB", "TPB"]
# Look-alike domains as scam SMS carry them; one gets a subdomain, one no scheme.
LINKS = [
    "https://vietcombank-vn.com/xac-thuc",
    "http://vcb-digibank.net/login",
    "https://xacthuc.bidv-online.top/otp",
    "techcombank-vn.info/dang-nhap",
    "https://mbbank-khuyenmai.xyz/",
    "https://dichvucong-gov.vn.cn/cap-nhat",
    "http://vneid-capnhat.com/tai-ung-dung",
    "https://evn-hoantien.online/",
    "https://shopee-tuyendung.site/nhiem-vu",
    "https://tiktok-congtacvien.click/",
    "https://bhxh-vn.org/tra-cuu",
    "https://thuenhanuoc-gov.com/hoan-thue",
]
PLATFORMS = [Platform.ZALO, Platform.ZALO, Platform.FACEBOOK, Platform.TELEGRAM]
# Amounts lost, in đồng: most small, a few ruinous.
AMOUNTS = [
    (500_000, 20),
    (2_000_000, 25),
    (5_000_000, 20),
    (15_000_000, 15),
    (50_000_000, 10),
    (200_000_000, 7),
    (1_200_000_000, 3),
]
METHODS = [
    (PaymentMethod.TRANSFER, 80),
    (PaymentMethod.EWALLET, 8),
    (PaymentMethod.CARD, 6),
    (PaymentMethod.TOPUP, 6),
]


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


class UsedMaker:
    """Draws what a scam report names; `rows(report)` gives its rows once it has a pk."""

    def __init__(self, rng, count):
        self.rng = rng
        banks = {bank.abbr: bank for bank in Bank.objects.filter(abbr__in=BANKS)}
        self.banks = [banks[abbr] for abbr in BANKS if abbr in banks]
        # One mule account for every ~60 reports: enough repeats to rank.
        size = max(5, count // 60)
        self.accounts = [
            (rng.choice(self.banks) if self.banks else None, self._number(rng)) for _ in range(size)
        ]
        self.links = [(url, link_domain(url)) for url in LINKS]
        self.socials = [
            (rng.choice(PLATFORMS), "09" + "".join(rng.choice("0123456789") for _ in range(8)))
            for _ in range(max(5, count // 120))
        ]
        self.drawn = {}  # id(report) → (accounts, links, socials)

    @staticmethod
    def _number(rng):
        length = rng.choice([10, 12, 13])
        return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(length - 1))

    def draw(self, report, created):
        """Sets what the report says was lost, and remembers what it names (LD only)."""
        if report.kind != "LD":
            return
        rng = self.rng
        accounts = [rng.choice(self.accounts)] if rng.random() < ACCOUNT_SHARE else []
        links = [rng.choice(self.links)] if rng.random() < LINK_SHARE else []
        socials = [rng.choice(self.socials)] if rng.random() < SOCIAL_SHARE else []
        if accounts and rng.random() < PAID_SHARE:
            report.paid = True
            report.amount_lost = _weighted(rng, AMOUNTS)
            report.payment_method = _weighted(rng, METHODS)
            report.lost_on = (created - datetime.timedelta(days=rng.randint(0, 3))).date()
        report.gave_code = rng.random() < GAVE_CODE_SHARE
        if accounts or links or socials:
            self.drawn[id(report)] = (accounts, links, socials)

    def write(self, reports):
        """Bulk-inserts the rows of the reports drawn (stored, with their pks); their count."""
        accounts, links, socials = [], [], []
        for report in reports:
            drawn = self.drawn.pop(id(report), None)
            if drawn is None:
                continue
            for bank, number in drawn[0]:
                key = account_key(bank.abbr if bank else "", number)
                accounts.append(
                    ReportBankAccount(report_id=report.pk, bank=bank, number=number, key=key)
                )
            for url, domain in drawn[1]:
                links.append(ReportLink(report_id=report.pk, url=url, domain=domain))
            for platform, handle in drawn[2]:
                key = social_key(platform, handle)
                socials.append(
                    ReportSocialAccount(
                        report_id=report.pk, platform=platform, handle=handle, key=key
                    )
                )
        ReportBankAccount.objects.bulk_create(accounts)
        ReportLink.objects.bulk_create(links)
        ReportSocialAccount.objects.bulk_create(socials)
        return len(accounts), len(links), len(socials)
