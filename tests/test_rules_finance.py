"""The finance family through the in-memory harness: exact findings at the thresholds."""

from __future__ import annotations

from helpers import D, audit_family

HEAD = ["支出日期", "摘要", "金额", "凭证", "支付方式", "经手人", "证明人", "审批人", "收款单位", "类别"]


def row(day, item, amount, voucher="发票", payment="转账", payee="甲公司", category="会议"):
    return [D(2026, 3, day), item, amount, voucher, payment, "王五", "赵六", "李局长", payee, category]


def test_receipt_at_the_threshold_is_a_finding_and_below_it_is_not():
    found, _, errors = audit_family(
        "FIN001", {"财务支出": [HEAD, row(2, "打印纸", 199.99, "收据"), row(3, "墨盒", 200, "收据")]}, "2026-11-30"
    )
    assert errors == []
    assert [(f["rule"], f["row"], f["status"]) for f in found] == [("FIN001", 3, "violation")]
    assert "200.00 元" in found[0]["message"] and "200 元以上须用发票" in found[0]["message"]


def test_cash_threshold_follows_the_rulebook_and_its_message_says_so(tmp_path):
    sheets = {"财务支出": [HEAD, row(2, "会务", 1500, payment="现金")]}
    found, _, _ = audit_family("FIN002", sheets, "2026-11-30")
    assert [(f["row"], f["status"]) for f in found] == [(2, "violation")]
    found, _, _ = audit_family("FIN002", sheets, "2026-11-30", "[rules.FIN002]\nmin_amount = 2000\n", tmp_path)
    assert found == []
    found, _, _ = audit_family("FIN002", sheets, "2026-11-30", "[rules.FIN002]\nmin_amount = 1200\n", tmp_path)
    assert "1200 元以上须转账" in found[0]["message"]


def test_split_payments_to_one_payee_name_the_rows_and_total():
    sheets = {
        "财务支出": [
            HEAD,
            row(2, "设备一", 4000, payee="乙公司", category="设备"),
            row(4, "设备二", 3000, payee="乙公司", category="设备"),
        ]
    }
    found, _, _ = audit_family("FIN007", sheets, "2026-11-30")
    assert [(f["rule"], f["row"], f["subject"]) for f in found] == [("FIN007", 2, "乙公司")]
    assert "7,000.00 元" in found[0]["message"] and "第 2、3 行" in found[0]["message"]


def test_reimbursement_day_follows_the_holiday_calendar():
    head = [*HEAD, "报销日期"]
    rows = [
        [*row(2, "纸", 50), "2026-02-24"],  # Tuesday 02-17 is 春节: the next working day, 02-24, is right
        [*row(3, "笔", 50), "2026-02-14"],  # a make-up Saturday, but that week's Tuesday (02-10) worked
        [*row(4, "夹", 50), "2026-10-08"],  # Tuesday 10-06 is 国庆: Thursday 10-08 is the first working day
        [*row(5, "本", 50), "2026-10-09"],  # a day after that
    ]
    found, _, errors = audit_family("FIN011", {"财务支出": [head, *rows]}, "2026-11-30")
    assert errors == []
    got = [(f["row"], f["severity"]) for f in found]
    assert got == [(3, "warning"), (5, "warning")]
    assert "应在星期二（2026-02-10）" in found[0]["message"] and "2026-10-08" in found[1]["message"]


def test_valuable_equipment_stops_where_fin004_takes_over(tmp_path):
    head = [*HEAD, "局务会研究"]
    rows = [
        [*row(2, "打印机", 1999, category="固定资产"), "否"],
        [*row(3, "投影仪", 2000, category="固定资产"), "否"],
        [*row(4, "服务器", 5000.01, category="固定资产"), "否"],  # FIN004's: above director_max
    ]
    found, _, _ = audit_family("FIN010", {"财务支出": [head, *rows]}, "2026-11-30")
    assert [f["row"] for f in found] == [3]
    found, _, _ = audit_family(
        "FIN010", {"财务支出": [head, *rows]}, "2026-11-30", "[rules.FIN004]\ndirector_max = 8000\n", tmp_path
    )
    assert [f["row"] for f in found] == [3, 4]
