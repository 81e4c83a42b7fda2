"""The documents and decisions families through the in-memory harness: exact findings."""

from __future__ import annotations

from helpers import audit_family

DOC = ["文号", "发文名义", "印发日期", "签发人", "规范性文件", "有效性", "清理日期", "清理结果公开日期", "拟稿股室"]


def doc(
    no, issued, issuer="本局", signer="郑建国（局长）", normative="否", validity="现行有效", cleaned=None, pub=None
):
    return [no, issuer, issued, signer, normative, validity, cleaned, pub, "政策法规股"]


def test_signatures_by_the_name_a_document_is_issued_in():
    sheets = {
        "发文登记": [
            DOC,
            doc("A-1", "2026-03-02"),
            doc("A-2", "2026-03-03", signer="刘晓梅（副局长）"),  # bureau document, deputy signs
            doc("A-3", "2026-03-04", issuer="股室", signer="刘晓梅（副局长）"),
            doc("A-4", "2026-03-05", issuer="代县委县政府", signer="县长"),  # signed by the county: not judged
            doc("A-5", "2026-03-06", issuer="股室", signer=None),
        ]
    }
    found, _, errors = audit_family("DOC006", sheets, "2026-11-30")
    assert errors == []
    assert [(f["key"], f["status"], f["row"]) for f in found] == [("A-2", "violation", 3), ("A-5", "missing", 6)]


def test_normative_clean_up_rolls_from_the_last_one_and_a_late_first_one_is_late():
    sheets = {
        "发文登记": [
            DOC,
            doc("N-1", "2024-02-01", normative="是", cleaned="2026-03-02", pub="2026-03-05"),  # due 2026-02-01
            doc("N-2", "2024-01-15", normative="是", cleaned="2025-12-20", pub="2025-12-25"),  # next due 2027-12
            doc("N-3", "2024-01-15", normative="是", validity="失效"),  # out of force
            doc("N-4", "2024-12-10", normative="是"),  # due 2026-12-10
        ]
    }
    found, _, _ = audit_family("DOC007", sheets, "2026-11-30")
    assert [(f["key"], f["status"], f["due"]) for f in found] == [("N-1", "late", "2026-02-01")]
    found, _, _ = audit_family("DOC007", sheets, "2026-12-08")
    assert [(f["key"], f["status"], f["due"]) for f in found] == [
        ("N-1", "late", "2026-02-01"),
        ("N-4", "due_soon", "2026-12-10"),
    ]


DEC = ["事项编号", "决策日期", "公示日期"]


def test_made_public_after_the_resolution_linked_by_matter_or_the_decision_day():
    sheets = {
        "重大决策": [DEC, ["ZD-1", "2026-03-16", "2026-03-20"], ["ZD-2", "2026-04-13", "2026-04-16"]],
        "会议记录": [["会议日期", "会议类型", "议题"], ["2026-03-19", "决议会", "ZD-1"]],
    }
    found, _, _ = audit_family("DEC003", sheets, "2026-11-30")
    assert found == []  # ZD-1 resolved 03-19 (the meeting), public 03-20; ZD-2 by its decision day + 3
    sheets["会议记录"].append(["2026-03-23", "决议会", "ZD-1"])  # resolved again later: made public before it
    found, _, _ = audit_family("DEC003", sheets, "2026-11-30")
    assert [(f["key"], f["status"]) for f in found] == [("ZD-1", "violation")]
