"""What citizens write in a report, as templates with slots, by family of scam or spam.

Modelled on the scams the 2024 letters describe (PRODUCT.md): impersonating
the Sở TTTT or the police, threats to lock the SIM, "sinh trắc học" updates,
a case under investigation, demands for a transfer, Zalo, strange links.
Each template names the scam patterns (ScamPattern slugs) a citizen would
tick for it. The domains in links are made up and end in `.example` or are
plainly fake; no real site is named.
"""

# family → [(template, pattern slugs)]
TEMPLATES = {
    # Scam calls (kind LD, sometimes V): someone pretending to be an official.
    "scam_call": [
        (
            "Người gọi tự xưng là cán bộ {agency}, nói thuê bao của tôi chưa chuẩn hóa thông "
            "tin nên sẽ bị khóa SIM sau {hours} giờ, yêu cầu đọc số căn cước và mã OTP.",
            ["mao-danh-co-quan", "khoa-sim"],
        ),
        (
            "Tự xưng {officer} thuộc {police}, báo số điện thoại của tôi liên quan đến vụ án "
            "{case}, yêu cầu chuyển {amount} vào tài khoản tạm giữ để xác minh.",
            ["mao-danh-co-quan", "lien-quan-vu-an", "chuyen-tien"],
        ),
        (
            "Gọi điện mời tôi lên {agency} làm việc vì đã chia sẻ bài viết sai sự thật trên "
            "Facebook, sau đó bảo kết bạn Zalo số {zalo} để làm việc trực tuyến.",
            ["mao-danh-co-quan", "moi-lam-viec", "ket-ban-zalo"],
        ),
        (
            "Người gọi xưng là công an phường, yêu cầu cập nhật sinh trắc học và cài ứng dụng "
            "{app} qua đường link {link}, nếu không sẽ khóa tài khoản ngân hàng.",
            ["mao-danh-co-quan", "duong-link-la"],
        ),
        (
            "Nói tôi có bưu phẩm chứa ma túy bị hải quan tạm giữ, nối máy sang người xưng là "
            "{officer} để lấy lời khai, dọa bắt tạm giam nếu không hợp tác.",
            ["mao-danh-co-quan", "lien-quan-vu-an", "de-doa-quay-roi"],
        ),
        (
            "Giả danh nhân viên tổng đài {telco} báo SIM sắp bị thu hồi vì chưa đăng ký chính "
            "chủ, bảo bấm phím 9 rồi đọc mã xác nhận vừa gửi về máy.",
            ["khoa-sim"],
        ),
        (
            "Tự xưng cán bộ {agency} ở {province}, yêu cầu kết bạn Zalo để nhận giấy mời "
            "làm việc, rồi gửi đường link lạ bảo bấm vào để khai báo.",
            ["mao-danh-co-quan", "ket-ban-zalo", "duong-link-la", "moi-lam-viec"],
        ),
        (
            "Đầu dây bên kia xưng là {officer}, đọc đúng họ tên và địa chỉ của tôi, nói tài "
            "khoản ngân hàng của tôi dính vào đường dây rửa tiền, đòi chuyển hết tiền sang "
            "tài khoản an toàn của cơ quan điều tra.",
            ["mao-danh-co-quan", "lien-quan-vu-an", "chuyen-tien"],
        ),
        (
            "Mạo danh Sở Thông tin và Truyền thông, nói tôi tham gia nhóm lập trang web có nội "
            "dung chống phá nhà nước, mời lên Sở làm việc gấp trong ngày.",
            ["mao-danh-co-quan", "lien-quan-vu-an", "moi-lam-viec"],
        ),
        (
            "Số lạ gọi xưng là Cục Viễn thông, nói thuê bao của tôi bị phản ánh phát tán tin "
            "nhắn rác, sẽ bị khóa 2 chiều sau {hours} giờ nếu không lên giải trình.",
            ["mao-danh-co-quan", "khoa-sim", "moi-lam-viec"],
        ),
        (
            "Xưng là cán bộ thuế, nói tôi chưa quyết toán thuế thu nhập cá nhân, yêu cầu cài "
            "ứng dụng thuế điện tử qua đường link {link} để tránh bị phạt.",
            ["mao-danh-co-quan", "duong-link-la"],
        ),
        (
            "Người gọi xưng là nhân viên điện lực, báo nhà tôi nợ tiền điện và sẽ bị cắt điện "
            "trong hôm nay, bảo chuyển khoản {fee} để được gia hạn.",
            ["mao-danh-co-quan", "chuyen-tien"],
        ),
        (
            "Gọi tự xưng giáo viên chủ nhiệm, báo con tôi bị tai nạn đang cấp cứu, cần chuyển "
            "gấp {amount} tiền viện phí vào tài khoản của bác sĩ.",
            ["chuyen-tien"],
        ),
        (
            "Người gọi xưng cán bộ Bảo hiểm xã hội, nói thẻ bảo hiểm y tế của tôi bị sử dụng "
            "trái phép, rồi chuyển máy cho người xưng là {officer} để giải quyết.",
            ["mao-danh-co-quan", "lien-quan-vu-an"],
        ),
        (
            "Gọi qua Zalo có hình người mặc cảnh phục, đọc lệnh bắt có tên tôi, yêu cầu giữ bí "
            "mật, không được nói với người nhà và phải chuyển {amount} để được bảo lãnh.",
            ["ket-ban-zalo", "lien-quan-vu-an", "de-doa-quay-roi", "chuyen-tien"],
        ),
        (
            "Xưng là nhân viên {bank}, nói thẻ của tôi vừa phát sinh giao dịch {amount} ở nước "
            "ngoài, muốn hủy thì đọc mã OTP cho họ.",
            ["chuyen-tien"],
        ),
        (
            "Gọi báo tôi trúng thưởng xe máy trong chương trình tri ân khách hàng của {telco}, "
            "yêu cầu chuyển {fee} phí nhận giải.",
            ["chuyen-tien"],
        ),
        (
            "Tự xưng là {officer}, nói tôi đứng tên một thuê bao đang lừa đảo ở {province}, "
            "dọa khóa toàn bộ số điện thoại đứng tên tôi nếu không hợp tác.",
            ["mao-danh-co-quan", "khoa-sim", "de-doa-quay-roi"],
        ),
        (
            "Gọi nhiều lần trong ngày, khi tôi không làm theo yêu cầu thì chửi bới, đe dọa sẽ "
            "cho người đến nhà.",
            ["de-doa-quay-roi"],
        ),
        (
            "Tuyển cộng tác viên làm nhiệm vụ online qua Zalo, hứa hoàn tiền kèm hoa hồng; "
            "nộp lần đầu được trả, lần sau nộp {amount} thì bị chặn liên lạc.",
            ["ket-ban-zalo", "chuyen-tien"],
        ),
        (
            "Người gọi nói là cán bộ {agency}, hướng dẫn tích hợp giấy phép lái xe vào ứng "
            "dụng VNeID, gửi đường link {link} để tải bản “cập nhật”.",
            ["mao-danh-co-quan", "duong-link-la"],
        ),
        (
            "Giả làm người quen ở quê, gọi mượn {amount} để đóng tiền hàng, hứa chiều trả, "
            "giọng nói rất giống em họ tôi.",
            ["chuyen-tien"],
        ),
    ],
    # Phishing and scam texts (kind S or LD): a link, a fake bank, a fake fine.
    "scam_sms": [
        (
            "Tin nhắn: “{bank} thông báo: tài khoản của quý khách sẽ bị tạm khóa do chưa cập "
            "nhật sinh trắc học. Truy cập {link} để xác thực.”",
            ["duong-link-la"],
        ),
        (
            "Tin nhắn báo tôi có khoản phạt nguội giao thông chưa nộp, yêu cầu tra cứu và "
            "thanh toán tại {link}.",
            ["mao-danh-co-quan", "duong-link-la", "chuyen-tien"],
        ),
        (
            "Tin nhắn: “Điểm thưởng {telco} của quý khách sắp hết hạn, đổi quà ngay tại {link}.”",
            ["duong-link-la"],
        ),
        (
            "Nhắn tin báo tôi trúng thưởng {prize}, yêu cầu nộp {fee} phí làm thủ tục nhận thưởng.",
            ["chuyen-tien"],
        ),
        (
            "Tin nhắn mạo danh điện lực: “Quý khách nợ tiền điện, sẽ cắt điện trong 24 giờ. "
            "Thanh toán tại {link}”.",
            ["mao-danh-co-quan", "duong-link-la"],
        ),
        (
            "Tin nhắn thông báo thuê bao sẽ bị khóa vì chưa cập nhật thông tin, yêu cầu soạn "
            "tin theo hướng dẫn và bấm vào đường link {link}.",
            ["khoa-sim", "duong-link-la"],
        ),
        (
            "Tin nhắn việc làm thêm tại nhà lương {wage} một ngày, chỉ cần điện thoại, kết "
            "bạn Zalo {zalo} để nhận việc.",
            ["ket-ban-zalo"],
        ),
        (
            "Tin nhắn: “Đơn hàng của bạn bị hoàn do sai địa chỉ, cập nhật tại {link} trong "
            "hôm nay”. Tôi không đặt hàng gì.",
            ["duong-link-la"],
        ),
    ],
    # Unwanted calls (kind V): telemarketing, silent calls, harassment.
    "spam_call": [
        ("Gọi mời mua bảo hiểm nhân thọ, tôi đã từ chối nhiều lần nhưng vẫn gọi.", []),
        ("Gọi quảng cáo dự án đất nền ở {place}, ngày nào cũng gọi vào giờ nghỉ trưa.", []),
        (
            "Mời tham gia nhóm đầu tư chứng khoán, tiền ảo, cam kết lãi {pct}% một tháng.",
            ["ket-ban-zalo"],
        ),
        ("Cuộc gọi im lặng, bắt máy không ai nói, một lúc sau tự tắt.", []),
        ("Gọi nháy một hồi chuông rồi tắt, gọi lại thì bị tính cước quốc tế.", []),
        ("Gọi mời vay tiêu dùng không cần thế chấp, giải ngân trong ngày.", []),
        ("Tổng đài tự động đọc quảng cáo khuyến mãi, không có cách từ chối nhận cuộc gọi.", []),
        ("Gọi giới thiệu mở thẻ tín dụng {bank}, đêm khuya vẫn gọi.", []),
        ("Gọi quấy rối nhiều lần vào ban đêm, nói lời tục tĩu.", ["de-doa-quay-roi"]),
        (
            "Gọi đòi nợ thay cho người khác, tôi không quen người vay nhưng bị chửi bới, xúc phạm.",
            ["de-doa-quay-roi"],
        ),
        ("Gọi mời khám sức khỏe miễn phí rồi ép mua thực phẩm chức năng giá cao.", []),
    ],
    # Unwanted texts (kind S): advertising, betting, loans.
    "spam_sms": [
        ("Tin nhắn quảng cáo vay tiền: “Hỗ trợ vay {loan} chỉ cần CCCD, duyệt 5 phút”.", []),
        ("Nhắn tin mời chơi cá cược bóng đá, tặng {fee} khi nạp lần đầu, kèm đường link.", []),
        ("Tin nhắn quảng cáo bán SIM số đẹp, một ngày nhắn mấy lần.", []),
        ("Tin nhắn quảng cáo thuốc chữa bệnh không rõ nguồn gốc.", []),
        ("Tin nhắn rao bán căn hộ {place}, đã nhắn STOP nhưng vẫn nhận.", []),
        ("Tin nhắn mời học tiếng Anh miễn phí, gửi liên tục vào buổi tối.", []),
        ("Tin nhắn quảng cáo khuyến mãi nạp thẻ, gửi từ số lạ không phải tổng đài nhà mạng.", []),
    ],
    # A department's own line, spoofed by scammers or simply not recognised.
    "official": [
        (
            "Số này gọi tự xưng Thanh tra Sở, nói tôi vi phạm quy định đăng ký thuê bao, yêu "
            "cầu lên làm việc. Không biết có phải lừa đảo không.",
            ["mao-danh-co-quan", "moi-lam-viec"],
        ),
        (
            "Số lạ gọi hỏi thông tin thuê bao và địa chỉ, nói là của cơ quan nhà nước. Tôi "
            "nghi bị giả mạo nên báo lại.",
            ["mao-danh-co-quan"],
        ),
        (
            "Nhận cuộc gọi từ số này mời lên làm việc về bài đăng trên mạng xã hội, đề nghị "
            "kiểm tra giúp có đúng số của cơ quan không.",
            ["moi-lam-viec"],
        ),
    ],
}

# Openings (by medium) and endings (by nature) citizens add around the facts.
OPENINGS = {
    "call": [
        "",
        "",
        "",
        "Sáng nay ",
        "Chiều qua ",
        "Tối hôm qua ",
        "Khoảng {clock} hôm nay ",
        "Vừa xong ",
        "Mẹ tôi nhận cuộc gọi: ",
        "Bố tôi kể lại: ",
    ],
    "sms": [
        "",
        "",
        "",
        "Nhận lúc {clock}. ",
        "Sáng nay nhận được. ",
        "Gửi cả vào máy của vợ tôi. ",
    ],
}
ENDINGS = {
    "scam": [
        "",
        "",
        "",
        " Tôi đã không làm theo.",
        " Đề nghị xử lý số này.",
        " Tôi đã chặn nhưng họ đổi số khác liên lạc tiếp.",
        " Mẹ tôi suýt chuyển tiền.",
        " Tôi đã mất {amount}, đã trình báo công an xã.",
        " Nhờ cơ quan chức năng xác minh giúp.",
        " Nhiều người trong xóm cũng bị như vậy.",
    ],
    "spam": [
        "",
        "",
        "",
        " Đề nghị chặn số này.",
        " Đã từ chối nhưng vẫn tiếp tục.",
        " Rất phiền, nhất là buổi trưa.",
        " Tôi không đăng ký nhận quảng cáo.",
    ],
    "official": ["", "", " Nhờ kiểm tra giúp.", " Tôi chưa làm theo."],
}
# family → (medium, nature)
FAMILIES = {
    "scam_call": ("call", "scam"),
    "scam_sms": ("sms", "scam"),
    "spam_call": ("call", "spam"),
    "spam_sms": ("sms", "spam"),
    "official": ("call", "official"),
}

SLOTS = {
    "agency": [
        "Sở Thông tin và Truyền thông",
        "Sở TTTT",
        "Sở Khoa học và Công nghệ",
        "Công an tỉnh",
        "Phòng Cảnh sát hình sự",
        "Cục Viễn thông",
        "Thanh tra Sở",
        "Cục Thuế",
        "Bảo hiểm xã hội",
    ],
    "officer": [
        "Thượng úy Nguyễn Văn Hùng",
        "Đại úy Trần Minh Đức",
        "cán bộ điều tra Lê Quang Huy",
        "Thiếu tá Phạm Văn Long",
        "điều tra viên tên Tuấn",
        "cán bộ Viện kiểm sát",
    ],
    "police": [
        "Công an tỉnh",
        "Phòng Cảnh sát hình sự",
        "Cục Cảnh sát hình sự",
        "Bộ Công an",
        "Công an quận",
    ],
    "case": [
        "ma túy",
        "rửa tiền",
        "đăng tin chống phá nhà nước",
        "buôn lậu",
        "lừa đảo chiếm đoạt tài sản",
        "mua bán thông tin cá nhân",
    ],
    "amount": [
        "5 triệu đồng",
        "12 triệu",
        "20.000.000 đồng",
        "47 triệu",
        "80 triệu đồng",
        "150 triệu",
        "320 triệu đồng",
    ],
    "fee": ["200 nghìn", "500.000 đồng", "1,5 triệu", "990 nghìn đồng", "2 triệu"],
    "loan": ["50 triệu", "100 triệu", "300 triệu", "30 triệu"],
    "hours": ["2", "24", "48", "12"],
    "link": [
        "vcb-xacthuc.example",
        "dichvucong-gov.example",
        "viettel-khuyenmai.example",
        "bit.ly/xac-thuc-sth",
        "evn-thanhtoan.example",
        "sinhtrachoc-vn.example",
        "phatnguoi-csgt.example",
    ],
    "app": ["VNeID giả", "Dịch vụ công", "Bộ Công an", "eTax", "ứng dụng lạ đuôi .apk"],
    "bank": ["Vietcombank", "BIDV", "Agribank", "MB Bank", "Techcombank", "VietinBank"],
    "telco": ["Viettel", "Vinaphone", "MobiFone", "nhà mạng"],
    "zalo": ["0868 123 xxx", "0799 456 xxx", "0345 888 xxx"],
    "place": ["Long An", "Bình Dương", "Đà Lạt", "Phú Quốc", "Nhơn Trạch", "Thủ Đức"],
    "pct": ["15", "20", "30"],
    "prize": ["xe SH", "iPhone 16", "100 triệu đồng", "chuyến du lịch Hàn Quốc"],
    "wage": ["300 nghìn", "500 nghìn", "1 triệu"],
    "clock": ["8 giờ", "9 giờ 30", "10 giờ", "14 giờ", "16 giờ 15", "19 giờ"],
}

# SMS sender names (brandnames) scammers spoof or spammers use: up to 11 characters.
SENDER_NAMES = [
    "VCB-BANK",
    "VIETTEL-KM",
    "MB-BANK",
    "BIDV-SMS",
    "EVN-CSKH",
    "TPBANK-TB",
    "CUCTHUE",
    "VNPOST-EMS",
    "SHOPEE-VN",
    "DVCQG",
    "AGRIBANK.VN",
    "VAYNHANH247",
    "BDS-HOT",
    "KM-SIEUSALE",
]

# Mobile prefixes of the operators (Viettel, Vinaphone, MobiFone, Vietnamobile, Gmobile).
MOBILE_PREFIXES = [
    "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
    "081", "082", "083", "084", "085", "088", "091", "094",
    "070", "076", "077", "078", "079", "089", "090", "093",
    "056", "058", "092", "059", "099",
]  # fmt: skip
# Landline area codes (Hà Nội, Hồ Chí Minh, then a few provinces) and the digits after them.
LANDLINES = [("024", 8), ("028", 8), ("0262", 7), ("0251", 7), ("0258", 7), ("0236", 7)]
# Foreign calling codes seen in scam calls, and the national number's length.
FOREIGN = [("+855", "1", 8), ("+855", "9", 8), ("+86", "13", 11), ("+63", "9", 10)]
SHORT_CODES = ["8077", "9029", "8558", "6020", "7089", "19009"]

# Inspectors' internal notes.
NOTES = [
    "Đã đối chiếu: cùng số với {count} phản ánh khác trong tuần.",
    "Đã gọi lại người dân, xác nhận nội dung như phản ánh.",
    "Đề nghị nhà mạng {telco} cung cấp thông tin chủ thuê bao.",
    "Người dân cung cấp thêm ảnh chụp màn hình qua điện thoại.",
    "Số đã bị nhà mạng chặn một chiều, chờ xác minh thêm.",
    "Chuyển Phòng PA05 Công an tỉnh theo quy chế phối hợp.",
    "Nội dung trùng với cảnh báo đã đăng; theo dõi thêm.",
]
REJECT_OTHER_NOTES = [
    "Người dân gửi nhầm nội dung, đã liên hệ xác nhận.",
    "Số thuộc doanh nghiệp đã đăng ký quảng cáo hợp lệ.",
    "Phản ánh thử nghiệm của cán bộ, không xử lý.",
]
REOPEN_NOTES = [
    "Người dân gửi thêm bằng chứng: số này tiếp tục gọi lừa đảo.",
    "Công an đề nghị xem xét lại sau khi có thêm phản ánh cùng số.",
    "Kết luận trước chưa đúng: mở lại để xác minh.",
]
