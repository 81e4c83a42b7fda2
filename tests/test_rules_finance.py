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
