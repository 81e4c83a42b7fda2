"""User-facing words, in both languages. Rule IDs and JSON keys never change with language."""

STATUS = {
    "zh": {"late": "逾期", "overdue": "超期未办", "due_soon": "即将到期", "missing": "缺失", "violation": "违反规定"},
    "en": {"late": "late", "overdue": "overdue", "due_soon": "due soon", "missing": "missing", "violation": "violation"},
}
SEVERITY = {"zh": {"breach": "违规", "warning": "预警"}, "en": {"breach": "breach", "warning": "warning"}}
REGISTER = {
    "zh": {"attendance": "考勤", "staff": "人员名册", "leave": "请销假", "petitions": "信访", "receptions": "领导接访",
           "disclosures": "政务公开", "requests": "依申请公开", "opinions": "群众意见", "incidents": "舆情回应",
           "web_updates": "网站更新", "meetings": "会议", "complaints": "效能投诉", "expenses": "财务支出"},
}
REGISTER["en"] = {k: k.replace("_", " ") for k in REGISTER["zh"]}
UNIT = {"zh": {"d": "日", "wd": "工作日", "h": "小时", "min": "分钟"}, "en": {"d": "d", "wd": "wd", "h": "h", "min": "min"}}

TEXT = {
    "zh": {
        "title": "gov-audit 审计报告", "as_of": "审计日", "range": "审计区间", "findings": "发现问题",
        "errors": "输入错误", "by_rule": "按规则", "by_severity": "按性质", "by_dept": "按部门",
        "rule": "规则", "status": "状态", "subject": "责任人", "dept": "部门", "key": "编号", "start": "起算",
        "due": "到期", "done": "完成", "late_by": "逾期", "source": "来源", "message": "说明",
        "none": "未发现问题。", "penalties": "处罚档次", "ladder": "处罚阶梯", "period": "期间", "count": "次数",
        "tier": "档次", "consequence": "处理", "not_judged": "未审查的规则", "skipped": "跳过的工作表",
        "provisional": "临时日历", "severity": "性质", "register": "台账", "waived": "已豁免",
        "people": "人员处理汇总", "allowance": "本月津贴", "discipline": "本年处理", "rating": "年度考核",
    },
    "en": {
        "title": "gov-audit report", "as_of": "as of", "range": "range", "findings": "findings",
        "errors": "input errors", "by_rule": "by rule", "by_severity": "by severity", "by_dept": "by department",
        "rule": "rule", "status": "status", "subject": "subject", "dept": "dept", "key": "key", "start": "start",
        "due": "due", "done": "done", "late_by": "late by", "source": "source", "message": "message",
        "none": "No findings.", "penalties": "penalty tiers", "ladder": "ladder", "period": "period", "count": "count",
        "tier": "tier", "consequence": "consequence", "not_judged": "rules not judged", "skipped": "skipped sheets",
        "provisional": "provisional calendar", "severity": "severity", "register": "register", "waived": "waived",
        "people": "per person", "allowance": "this month's allowance", "discipline": "this year's discipline",
        "rating": "annual rating",
    },
}
