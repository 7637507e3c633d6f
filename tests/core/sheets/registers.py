"""Registers as a township keeps them, written by the tests: a title row, messy headers, Excel
date serials, IDs as numbers, full-width digits, duplicates inside the sheet and against the store."""

from __future__ import annotations

import datetime

from stdnum.cn import ric

EXCEL_EPOCH = datetime.date(1899, 12, 30)
TITLE = "平舒镇流动人口登记台账（2026年）"
HEADERS = ["序号", "姓 名", "公民身份号码", "性别", "出生日期", "民族", "联系电话（手机）", "户籍地", "婚姻状况",
           "村/居委会", "来本地日期", "流动原因", "状态", "备注说明"]


def resident_id(birth: str, sequence: str = "321", area: str = "131025") -> str:
    body = area + birth + sequence
    return body + ric.calc_check_digit(body + "0")   # it reads the first 17 of 18


def serial(day: datetime.date) -> int:
    return (day - EXCEL_EPOCH).days


ID_TEXT = resident_id("19880214", "321")          # a valid row, text ID
ID_INT = resident_id("19900506", "112")           # a valid row, ID in full-width digits
ID_IN_STORE = resident_id("19750301", "233")      # saved before, same values: already present
ID_CHANGED = resident_id("19800709", "441")       # saved before, the sheet has another phone
ID_WARNING = resident_id("19600102", "551")       # arrived more than 30 years ago: a warning
ID_X = next(resident_id("19851111", f"{n:03d}") for n in range(100, 999)
            if resident_id("19851111", f"{n:03d}").endswith("X"))
BAD_ID = ID_TEXT[:-1] + ("0" if ID_TEXT[-1] != "0" else "1")


def row(number, name, id_number, sex, birth, phone="", arrival=None, village="东街村", **extra):
    values = [number, name, id_number, sex, birth, extra.get("ethnicity", "汉族"), phone,
              "河北省廊坊市大城县", extra.get("marital", "未婚"), village,
              arrival if arrival is not None else serial(datetime.date(2024, 3, 1)), "务工经商", "在本地", ""]
    return values


def store_values(id_number: str, name: str, phone: str = "") -> dict:
    """The values of a record saved at the desk that a sheet row repeats."""
    from desktop.core.rules.functions import id_number_birth_date, id_number_sex

    values = {"name": name, "id_number": id_number, "sex": id_number_sex(id_number),
              "birth_date": id_number_birth_date(id_number).isoformat(), "ethnicity": "01",
              "hukou_address": "河北省廊坊市大城县", "marital_status": "10", "village": "131025100001",
              "arrival_date": "2024-03-01", "move_reason": "01", "status": "present"}
    if phone:
        values["phone"] = phone
    return values


# Excel row number -> (cells, expected outcome)
ROWS = {
    3: (row(1, "张伟", ID_TEXT, "男", datetime.datetime(1988, 2, 14), "13812345678"), "saved"),
    4: (row(2, "李娜", ID_INT.translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}), "女", serial(datetime.date(1990, 5, 6)), "１３９１２３４５６７８"), "saved"),
    5: (row(3, "王芳", 1.31025198802143e+17, "女", "1988/2/14"), "refused"),
    6: (row(4, "张伟", ID_TEXT, "男", "1988-02-14", "13812345678"), "refused"),
    # row 7 is blank
    8: (row(6, "赵敏", ID_IN_STORE, "1", "1975年3月1日", arrival="2024.3.1"), "present"),
    9: (row(7, "钱进", ID_CHANGED, "男", "19800709", "13700000000"), "refused"),
    10: (row(8, "孙丽", BAD_ID, "男", "1988-02-14"), "refused"),
    11: (row(9, "周强", ID_WARNING, "男", "1960-01-02", arrival="1990-01-01", marital="10"), "refused"),
    12: (row(10, "吴刚", ID_X.lower(), "男" if int(ID_X[16]) % 2 else "女", "1985-11-11"), "saved"),
}
SAVED_ROWS = {n for n, (_, outcome) in ROWS.items() if outcome == "saved"}


def prepare_store(workspace) -> None:
    """The records a register repeats: one with the same values, one with another phone."""
    from desktop.core.entry import entry

    entry.add(workspace, "floating_population", store_values(ID_IN_STORE, "赵敏"))
    entry.add(workspace, "floating_population", store_values(ID_CHANGED, "钱进", phone="13911112222"))


def write_xlsx(path, rows=None, *, title=True, headers=HEADERS, sheet="台账"):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([TITLE])
    ws.append(list(headers))
    last = 2 if title else 1
    for number, (cells, _) in sorted((rows or ROWS).items()):
        while last + 1 < number:
            ws.append([])
            last += 1
        ws.append(cells)
        last = number
    book.save(path)
    return path
