"""The Vietnamese banks and e-wallets a citizen may name, with their NAPAS BIN: reference data.

Loaded by migration 0023 and again by `load_reference_data` (load_banks,
idempotent). Administrators correct it in the admin afterwards.

Where it comes from (SOURCE, stored with each row):
- The banks, their BINs and full names: the bank list of vietnam-qr-pay,
  an MIT-licensed VietQR library that follows the VietQR/NAPAS list
  (github.com/xuannghia/vietnam-qr-pay, src/constants/banks.ts, commit
  17a05d3f of 20 July 2026, version 1.5.1), MoMo's 971025 included. Where a
  bank was renamed or taken over its BIN stayed (970406 DongA Bank → Vikki,
  970414 OceanBank → MBV, 970449 LienVietPostBank → LPBank): one row per
  BIN, the old names as aliases.
- Viettel Money 971005 and VNPT Money 971011: VietQR's own bank list
  (api.vietqr.io/v2/banks, codes VTLMONEY and VNPTMONEY), as seen in a copy
  of its answer on 7 December 2026; vietnam-qr-pay does not list them.
- ZaloPay and ShopeePay: no BIN in either list, so none here (bin NULL).
- The abbreviations are VietQR's codes (VCB, ICB, BIDV, VBA, TCB, MB …),
  the form a transfer app shows; other codes in use (CTG, BID, AGR, MBB …)
  are aliases. The aliases are the names citizens say, written here by hand.
- No hotline: none of these sources gives one, and a wrong number in the
  help steps would send a victim to a scammer. An administrator adds one
  with its source; until then the receipt says "the number on the back of
  your card".
"""

SOURCE = (
    "Danh sách ngân hàng VietQR/NAPAS: thư viện vietnam-qr-pay (MIT), "
    "github.com/xuannghia/vietnam-qr-pay, src/constants/banks.ts, commit 17a05d3f "
    "ngày 20/7/2026 (phiên bản 1.5.1); Viettel Money 971005 và VNPT Money 971011: "
    "danh sách ngân hàng của VietQR (api.vietqr.io/v2/banks, mã VTLMONEY, VNPTMONEY), "
    "xem ngày 7/12/2026. Tên gọi khác do người soạn ghi. Chưa có tổng đài: nguồn không ghi."
)

# (abbr, BIN or None, short name, full name, aliases, is_wallet)
BANKS = [
    ("VCB", "970436", "Vietcombank", "Ngân hàng TMCP Ngoại Thương Việt Nam", [
        "Ngân hàng Ngoại thương", "Ngoại thương", "Ngân hàng Ngoại thương Việt Nam",
        "Vietcom", "Vietcom Bank",
    ], False),
    ("ICB", "970415", "VietinBank", "Ngân hàng TMCP Công thương Việt Nam", [
        "CTG", "Viettinbank", "Viettin", "Vietin", "Công thương", "Ngân hàng Công thương",
        "Ngân hàng Công thương Việt Nam",
    ], False),
    ("BIDV", "970418", "BIDV", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam", [
        "BID", "Đầu tư và Phát triển", "Ngân hàng Đầu tư và Phát triển", "Ngân hàng Đầu tư",
    ], False),
    ("VBA", "970405", "Agribank", "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam", [
        "AGR", "VBARD", "Agri", "Nông nghiệp", "Ngân hàng Nông nghiệp",
        "Nông nghiệp và Phát triển Nông thôn",
    ], False),
    ("TCB", "970407", "Techcombank", "Ngân hàng TMCP Kỹ thương Việt Nam", [
        "Techcom", "Kỹ thương", "Ngân hàng Kỹ thương",
    ], False),
    ("MB", "970422", "MB Bank", "Ngân hàng TMCP Quân đội", [
        "MBB", "MBBank", "Quân đội", "Ngân hàng Quân đội", "Military Bank",
    ], False),
    ("VPB", "970432", "VPBank", "Ngân hàng TMCP Việt Nam Thịnh Vượng", [
        "Việt Nam Thịnh Vượng", "Thịnh Vượng",
    ], False),
    ("ACB", "970416", "ACB", "Ngân hàng TMCP Á Châu", ["Á Châu", "Ngân hàng Á Châu"], False),
    ("STB", "970403", "Sacombank", "Ngân hàng TMCP Sài Gòn Thương Tín", [
        "Sài Gòn Thương Tín", "Ngân hàng Sài Gòn Thương Tín",
    ], False),
    ("TPB", "970423", "TPBank", "Ngân hàng TMCP Tiên Phong", [
        "Tiên Phong", "Ngân hàng Tiên Phong",
    ], False),
    ("HDB", "970437", "HDBank", "Ngân hàng TMCP Phát triển TP. Hồ Chí Minh", [
        "Phát triển Thành phố Hồ Chí Minh",
    ], False),
    ("SHB", "970443", "SHB", "Ngân hàng TMCP Sài Gòn - Hà Nội", ["Sài Gòn Hà Nội"], False),
    ("VIB", "970441", "VIB", "Ngân hàng TMCP Quốc tế Việt Nam", [
        "Quốc tế", "Ngân hàng Quốc tế",
    ], False),
    ("OCB", "970448", "OCB", "Ngân hàng TMCP Phương Đông", [
        "Phương Đông", "Ngân hàng Phương Đông", "Orient Commercial Bank",
    ], False),
    ("MSB", "970426", "MSB", "Ngân hàng TMCP Hàng Hải", [
        "Maritime Bank", "Hàng Hải", "Ngân hàng Hàng Hải",
    ], False),
    ("LPB", "970449", "LPBank", "Ngân hàng TMCP Lộc Phát Việt Nam", [
        "LienVietPostBank", "Liên Việt", "Bưu điện Liên Việt", "Ngân hàng Bưu điện Liên Việt",
        "Lộc Phát",
    ], False),
    ("NAB", "970428", "Nam A Bank", "Ngân hàng TMCP Nam Á", ["Nam Á"], False),
    ("NCB", "970419", "NCB", "Ngân hàng TMCP Quốc Dân", ["Quốc Dân"], False),
    ("PVCB", "970412", "PVcomBank", "Ngân hàng TMCP Đại Chúng Việt Nam", ["Đại Chúng"], False),
    ("SCB", "970429", "SCB", "Ngân hàng TMCP Sài Gòn", [], False),
    ("EIB", "970431", "Eximbank", "Ngân hàng TMCP Xuất Nhập khẩu Việt Nam", [
        "Xuất Nhập khẩu",
    ], False),
    ("SEAB", "970440", "SeABank", "Ngân hàng TMCP Đông Nam Á", ["Đông Nam Á"], False),
    ("PGB", "970430", "PG Bank", "Ngân hàng TMCP Xăng dầu Petrolimex", [
        "Petrolimex", "Xăng dầu Petrolimex",
    ], False),
    ("ABB", "970425", "ABBANK", "Ngân hàng TMCP An Bình", ["An Bình"], False),
    ("BAB", "970409", "Bac A Bank", "Ngân hàng TMCP Bắc Á", ["Bắc Á", "NASB"], False),
    ("BVB", "970438", "BaoViet Bank", "Ngân hàng TMCP Bảo Việt", ["Bảo Việt"], False),
    ("VCCB", "970454", "BVBank", "Ngân hàng TMCP Bản Việt", [
        "Viet Capital Bank", "Bản Việt",
    ], False),
    ("VIKKI", "970406", "Vikki Bank", "Ngân hàng TNHH MTV Số Vikki", [
        "DongA Bank", "Đông Á", "Ngân hàng Đông Á", "DAB",
    ], False),
    ("MBV", "970414", "MBV", "Ngân hàng TNHH MTV Việt Nam Hiện Đại", [
        "OceanBank", "Đại Dương", "Ngân hàng Đại Dương",
    ], False),
    ("KLB", "970452", "KienlongBank", "Ngân hàng TMCP Kiên Long", ["Kiên Long"], False),
    ("SGICB", "970400", "Saigonbank", "Ngân hàng TMCP Sài Gòn Công Thương", [
        "Sài Gòn Công Thương",
    ], False),
    ("VAB", "970427", "VietABank", "Ngân hàng TMCP Việt Á", ["Việt Á"], False),
    ("VIETBANK", "970433", "Vietbank", "Ngân hàng TMCP Việt Nam Thương Tín", [
        "Việt Nam Thương Tín",
    ], False),
    ("GPB", "970408", "GPBank", "Ngân hàng Thương mại TNHH MTV Dầu Khí Toàn Cầu", [
        "Dầu Khí Toàn Cầu",
    ], False),
    ("CBB", "970444", "CB Bank", "Ngân hàng Thương mại TNHH MTV Xây dựng Việt Nam", [
        "Ngân hàng Xây dựng",
    ], False),
    ("VRB", "970421", "VRB", "Ngân hàng Liên doanh Việt - Nga", [
        "Việt Nga", "VietNgaBank",
    ], False),
    ("COOPBANK", "970446", "Co-opBank", "Ngân hàng Hợp tác xã Việt Nam", [
        "Hợp tác xã", "Ngân hàng Hợp tác",
    ], False),
    ("CAKE", "546034", "CAKE by VPBank",
     "Ngân hàng số CAKE by VPBank - Ngân hàng TMCP Việt Nam Thịnh Vượng", ["CAKE"], False),
    ("UBANK", "546035", "Ubank by VPBank",
     "Ngân hàng số Ubank by VPBank - Ngân hàng TMCP Việt Nam Thịnh Vượng", ["Ubank"], False),
    ("TIMO", "963388", "Timo", "Ngân hàng số Timo by Bản Việt Bank", [], False),
    ("LIOBANK", "963369", "Liobank", "Ngân hàng số Liobank - Ngân hàng TMCP Phương Đông",
     [], False),
    ("SHBVN", "970424", "Shinhan Bank", "Ngân hàng TNHH MTV Shinhan Việt Nam", ["Shinhan"], False),
    ("HSBC", "458761", "HSBC", "Ngân hàng TNHH MTV HSBC (Việt Nam)", [], False),
    ("SCVN", "970410", "Standard Chartered", "Ngân hàng TNHH MTV Standard Chartered Bank Việt Nam",
     [], False),
    ("WVN", "970457", "Woori Bank", "Ngân hàng TNHH MTV Woori Việt Nam", ["Woori"], False),
    ("CIMB", "422589", "CIMB", "Ngân hàng TNHH MTV CIMB Việt Nam", [], False),
    ("HLBVN", "970442", "Hong Leong Bank", "Ngân hàng TNHH MTV Hong Leong Việt Nam",
     ["Hong Leong"], False),
    ("PBVN", "970439", "Public Bank", "Ngân hàng TNHH MTV Public Việt Nam", [], False),
    ("IVB", "970434", "Indovina Bank", "Ngân hàng TNHH Indovina", ["Indovina"], False),
    ("UOB", "970458", "UOB", "Ngân hàng United Overseas Bank Việt Nam", [
        "United Overseas Bank",
    ], False),
    ("DBS", "796500", "DBS Bank", "NH TNHH MTV Phát triển Singapore - Chi nhánh TP. Hồ Chí Minh",
     [], False),
    ("KBANK", "668888", "KBank", "Ngân hàng Đại chúng TNHH KASIKORNBANK - CN TP. Hồ Chí Minh",
     ["Kasikornbank"], False),
    ("IBKHN", "970455", "IBK Hà Nội", "Ngân hàng Công nghiệp Hàn Quốc - Chi nhánh Hà Nội",
     [], False),
    ("IBKHCM", "970456", "IBK TP. Hồ Chí Minh",
     "Ngân hàng Công nghiệp Hàn Quốc - Chi nhánh TP. Hồ Chí Minh", [], False),
    ("KBHN", "970462", "Kookmin Hà Nội", "Ngân hàng Kookmin - Chi nhánh Hà Nội", [], False),
    ("KBHCM", "970463", "Kookmin TP. Hồ Chí Minh",
     "Ngân hàng Kookmin - Chi nhánh TP. Hồ Chí Minh", [], False),
    ("NHBHN", "801011", "Nonghyup", "Ngân hàng Nonghyup - Chi nhánh Hà Nội", [], False),
    # E-wallets.
    ("MOMO", "971025", "MoMo", "Ví MoMo - CTCP Dịch Vụ Di Động Trực Tuyến", [
        "Ví MoMo", "Momo", "Mô Mô",
    ], True),
    ("VTLMONEY", "971005", "Viettel Money",
     "Tổng Công ty Dịch vụ số Viettel - Chi nhánh Tập đoàn Công nghiệp - Viễn thông Quân đội", [
         "ViettelPay", "Viettel Pay", "Ví Viettel Money",
     ], True),
    ("VNPTMONEY", "971011", "VNPT Money", "Ví VNPT Money", ["VNPT Pay", "VNPTPay"], True),
    ("ZALOPAY", None, "ZaloPay", "Ví điện tử ZaloPay", ["Zalo Pay", "Ví ZaloPay"], True),
    ("SHOPEEPAY", None, "ShopeePay", "Ví điện tử ShopeePay", [
        "Shopee Pay", "Ví ShopeePay", "AirPay",
    ], True),
]  # fmt: skip


def load_banks(Bank):
    """Create or update every bank of the list; nothing changes the second time.

    `Bank` is the model (the migration passes its historical one). A row is
    saved only when something differs. The list's own fields are set; the
    aliases an administrator added are kept (after the list's); the hotline
    is left alone (an administrator's, with its source). Returns (created,
    updated).
    """
    created = updated = 0
    for abbr, bin_, short_name, full_name, aliases, is_wallet in BANKS:
        bank = Bank.objects.filter(abbr=abbr).first()
        added = []
        if bank is not None:
            listed = {a.casefold() for a in aliases}
            added = [
                line.strip()
                for line in bank.aliases.splitlines()
                if line.strip() and line.strip().casefold() not in listed
            ]
        values = {
            "bin": bin_,
            "short_name": short_name,
            "full_name": full_name,
            "aliases": "\n".join([*aliases, *added]),
            "is_wallet": is_wallet,
            "source": SOURCE,
        }
        if bin_:
            # A BIN passed to another bank (a takeover): the old row lets go of it.
            Bank.objects.filter(bin=bin_).exclude(abbr=abbr).update(bin=None)
        if bank is None:
            Bank.objects.create(abbr=abbr, **values)
            created += 1
        elif any(getattr(bank, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(bank, name, value)
            bank.save()
            updated += 1
    return created, updated
