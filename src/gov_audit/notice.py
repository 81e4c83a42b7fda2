"""The State Council's holiday notice as data (国务院办公厅关于20XX年部分节假日安排的通知).

Every year's notice is written in the same few sentence forms::

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    六、中秋节、国庆节：10月1日至8日放假调休，共8天。9月30日（星期六）上班。
    四、劳动节：5月1日放假，与周末连休。
    一、元旦：1月1日放假，1月2日（星期一）补休。
    一、元旦：1月1日（周三）放假1天，不调休。
    二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。

and, rarely, a second notice that extends a holiday (2020: “延长2020年春节假期至2月2日”).
``parse_notice`` turns the text into holiday (休) and make-up working (班) days, checking
what the text lets us check — a stated weekday against its date, “共N天” against the
range, the festival against the statutory list — and refusing, with the sentence quoted,
whatever does not fit.  The result is an ordinary overrides file (calendar_file.py)
with a ``全年`` row: the year's arrangement in full.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# 全国年节及纪念日放假办法: the festivals a notice may arrange.
FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
_ALIASES = {
    "清明": "清明节",
    "五一": "劳动节",
    "劳动": "劳动节",
    "端午": "端午节",
    "中秋": "中秋节",
    "国庆": "国庆节",
    "五一劳动节": "劳动节",
    "国际劳动节": "劳动节",
}
_WEEKDAY = "一二三四五六日"
_NUM = "一二三四五六七八九十"
_DATE = r"(?:(?P<{p}y>\d{{4}})年)?(?:(?P<{p}m>\d{{1,2}})月)?(?P<{p}d>\d{{1,2}})日(?P<{p}w>\([^)]*\))?"
_RANGE = re.compile(
    _DATE.format(p="a") + r"\s*(?:(?:至|到|—|－|-|~|–)+\s*" + _DATE.format(p="b") + r")?\s*放假"
    r"(?:调休)?(?:\s*(?P<n1>\d+)\s*天)?"
)
_TOTAL = re.compile(r"共\s*(\d+)\s*天")
_ONE_DATE = re.compile(_DATE.format(p=""))
_EXTEND = re.compile(r"延长(?:(\d{4})年)?(\S+?)假期至" + _DATE.format(p="e"))


class NoticeError(Exception):
    """A sentence we cannot take as written: the message says why, quoting it."""

    def __init__(self, message: str, sentence: str = ""):
        super().__init__(message)
        self.sentence = sentence.strip()


@dataclass
class Notice:
    year: int
    holidays: dict[dt.date, str] = field(default_factory=dict)  # 休
    workdays: dict[dt.date, str] = field(default_factory=dict)  # 班 (调休上班)

    def rows(self) -> list[tuple[str, str, str]]:
        """日期, 类型, 名称 rows of the overrides file, the 全年 row first."""
        out = [(str(self.year), "全年", f"国务院办公厅关于{self.year}年部分节假日安排的通知")]
        days = {**{d: ("休", n) for d, n in self.holidays.items()}, **{d: ("班", n) for d, n in self.workdays.items()}}
        out += [(d.isoformat(), k, n) for d, (k, n) in sorted(days.items())]
        return out


# Full-width punctuation and digits → ASCII, one character for one, so that a position in
# the cleaned text is the same position in the notice as pasted (errors quote the original).
_WIDTH = str.maketrans({**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}, "\u3000": " ", "．": "."})


def _clean(text: str) -> str:
    return text.translate(_WIDTH)


def notice_year(text: str) -> int | None:
    for rx in (r"关于(\d{4})年[^\n]{0,12}节假日", r"(\d{4})年(?:元旦|春节|部分节假日)", r"现将(\d{4})年"):
        m = re.search(rx, text)
        if m:
            return int(m.group(1))
    return None


def _items(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(festival names, body, the whole sentence) for each numbered item 一、… 七、"""
    out = []
    pattern = re.compile(
        rf"(?:^|\n|。)\s*[{_NUM}]+、([^:\n]{{1,20}}):(.*?)(?=(?:\n|。)\s*[{_NUM}]+、|\n\s*\n|节假日期间|$)", re.S
    )
    for m in pattern.finditer(text):
        out.append((m.group(1).strip(), m.group(2), (m.start(), m.end())))
    return out


def _date(year: int, m: re.Match, p: str, month: int | None, sentence: str, new_year: bool = False) -> dt.date:
    y = int(m.group(f"{p}y")) if m.group(f"{p}y") else year
    mo = int(m.group(f"{p}m")) if m.group(f"{p}m") else month
    if mo is None:
        raise NoticeError("日期缺少月份 (a date without its month)", sentence)
    if new_year and mo == 12 and not m.group(f"{p}y"):
        y -= 1  # 元旦's make-up days and swaps may fall in the December before (2008: “12月29日上班”)
    try:
        day = dt.date(y, mo, int(m.group(f"{p}d")))
    except ValueError as exc:
        raise NoticeError(f"日期无效 (not a date): {exc}", sentence) from exc
    paren = m.group(f"{p}w") or ""
    wd = re.search(r"(?:星期|周)([一二三四五六日天])", paren)
    if wd and _WEEKDAY[day.weekday()] != wd.group(1).replace("天", "日"):
        raise NoticeError(
            f"星期与日期不符：{day.isoformat()} 是星期{_WEEKDAY[day.weekday()]}，通知写作星期{wd.group(1)} "
            f"(the stated weekday does not match {day.isoformat()})",
            sentence,
        )
    return day


def _festival(names: str, sentence: str) -> str:
    out = []
    for name in re.split(r"[、,和及与]", names):
        name = name.strip()
        name = _ALIASES.get(name, name)
        if name not in FESTIVALS:
            raise NoticeError(
                f"“{name}”不是法定节日 (not one of the statutory festivals: {'、'.join(FESTIVALS)})", sentence
            )
        out.append(name)
    return "、".join(out)


def parse_notice(text: str, year: int | None = None, base: Notice | None = None) -> Notice:
    """The notice's holidays and make-up working days; NoticeError quoting a bad sentence.

    ``base`` is the year's arrangement already known: a second notice (an extension) is
    applied on top of it.
    """
    original = text
    text = _clean(text)

    def quote(span: tuple[int, int]) -> str:
        return original[span[0] : span[1]].strip("。.\n ")

    year = year or notice_year(text) or (base.year if base else None)
    if year is None:
        raise NoticeError("通知中找不到年份，请用 --year 指定 (no year in the notice; give --year)")
    notice = Notice(year, dict(base.holidays) if base else {}, dict(base.workdays) if base else {})
    found = False
    for m in _EXTEND.finditer(text):  # 2020: “延长2020年春节假期至2月2日（农历正月初九，星期日）”
        found = True
        end_at = text.find("。", m.end())
        sentence = quote((max(0, m.start() - 2), end_at if end_at >= 0 else len(text)))
        name = _festival(m.group(2).removesuffix("节日"), sentence)
        end = _date(int(m.group(1)) if m.group(1) else year, m, "e", None, sentence)
        own = sorted(d for d, n in notice.holidays.items() if n == name)
        if not own:
            raise NoticeError(
                f"延长{name}假期需要先有当年的安排（用 --calendar 给出原通知导入的文件）(an extension needs "
                "the year's arrangement first: pass the first notice's file with --calendar)",
                sentence,
            )
        day = own[-1] + dt.timedelta(days=1)
        while day <= end:
            notice.holidays[day] = name
            notice.workdays.pop(day, None)  # a make-up day inside the extension is a holiday now
            day += dt.timedelta(days=1)
    for names, body, span in _items(text):
        sentence = quote(span)
        festival = _festival(names, sentence)
        ny = festival == "元旦"
        found = True
        clauses = [c for c in re.split(r"[。;]", body) if c.strip()]
        ranges = [(c, m) for c in clauses for m in [_RANGE.search(c)] if m]
        if not ranges:
            raise NoticeError("找不到放假日期 (no holiday dates in this item)", sentence)
        for _clause, m in ranges:
            start = _date(year, m, "a", None, sentence, ny)
            if m.group("bd"):
                end = _date(
                    int(m.group("by")) if m.group("by") else start.year,
                    m,
                    "b",
                    start.month if not m.group("bm") else None,
                    sentence,
                )
                if end < start:
                    raise NoticeError("放假结束日早于开始日 (the holiday ends before it starts)", sentence)
            else:
                end = start
            days = (end - start).days + 1
            total = _TOTAL.search(body)
            stated = int(total.group(1)) if total else (int(m.group("n1")) if m.group("n1") else None)
            # A single day “与周末连休” (joined to a weekend) counts the weekend in 共N天.
            if stated is not None and stated != days and not ("连休" in body and days == 1):
                raise NoticeError(
                    f"“共{stated}天”与 {start.isoformat()} 至 {end.isoformat()}（{days} 天）不符 "
                    f"(the stated {stated} days do not match the range of {days})",
                    sentence,
                )
            day = start
            while day <= end:
                notice.holidays[day] = festival
                day += dt.timedelta(days=1)
        for clause in re.split(r"[,;。]", body):
            if clause.endswith("补休"):
                for dm in _ONE_DATE.finditer(clause):
                    notice.holidays[_date(year, dm, "", None, sentence, ny)] = festival
            elif clause.endswith("上班") and "起正常上班" not in clause:
                for part in clause.split("、"):
                    one = _ONE_DATE.search(part)
                    if one:
                        day = _date(year, one, "", None, sentence, ny)
                        notice.workdays[day] = festival
                        notice.holidays.pop(day, None)
            elif re.search(r"调至", clause):  # 2008: “12月29日（星期六）公休日调至12月31日（星期一）”
                dates = list(_ONE_DATE.finditer(clause))
                if len(dates) == 2:
                    notice.holidays[_date(year, dates[1], "", None, sentence, ny)] = festival
    if not found:
        raise NoticeError("没有找到“一、元旦：…放假”形式的安排 (no arrangement like “一、元旦：1月1日放假” found)")
    return notice


def notice_from_overrides(year: int, entries) -> Notice:
    """A year's arrangement back from an overrides file (for applying a second notice)."""
    n = Notice(year)
    for e in entries:
        if e.date.year != year:
            continue
        (n.holidays if e.kind == "holiday" else n.workdays)[e.date] = e.name or ""
    return n
