"""Tiny synthetic letters for the importer tests, shaped like the seeds.

`sample_letter(summary="V/v …", body=None)`: each keyword replaces one part;
None or "" leaves that part out (a bad letter).
"""

from pathlib import Path

import advisories

SEEDS = sorted((Path(advisories.__file__).resolve().parent / "seeds").glob("*.txt"))

DEFAULTS = {
    "header": "",
    "number": "Số: 15/STTTT-TTra",
    "date": "Ninh Bình, ngày 05 tháng 3 năm 2024",
    "summary": "V/v cảnh báo cuộc gọi giả danh Công an tỉnh",
    "recipients": "Kính gửi:\n\n- Các Sở, ban, ngành của tỉnh;\n- UBND các huyện, thành phố.",
    "body": "Thời gian gần đây xuất hiện cuộc gọi mạo danh Công an tỉnh.\n\nTrân trọng./.",
    "distribution": "Nơi nhận:\n\n- Như trên;\n- Lưu: VT.",
    "signature": "GIÁM ĐỐC\n\nNguyễn Văn An",
}


def sample_letter(**parts):
    values = {**DEFAULTS, **parts}
    return "\n\n".join(v for v in values.values() if v) + "\n"


def write_letter(directory, name="letter.txt", **parts):
    path = Path(directory) / name
    path.write_text(sample_letter(**parts), encoding="utf-8")
    return path


def seed(prefix):
    """The seed file whose name starts with `prefix` ("004")."""
    return next(path for path in SEEDS if path.name.startswith(prefix))
