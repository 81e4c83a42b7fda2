"""The input contract (docs registers.md) as data: one declarative table per register.

A register is a kind of ledger an office keeps.  Each column has its canonical name
(used by the rules and in machine output), the zh and en header aliases accepted, its
type, whether it is required, the choices offered as a drop-down in the template, and
a one-line description for the template's 说明 sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .textfold import fold

YES_NO = ("是", "否")


@dataclass(frozen=True)
class Column:
    name: str
    zh: tuple[str, ...]
    en: tuple[str, ...] = ()
    type: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""

    @property
    def header(self) -> str:
        """The canonical Chinese header the template writes."""
        return self.zh[0]

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.zh + self.en


@dataclass(frozen=True)
class Register:
    key: str
    title: str  # canonical sheet name
    sheet_aliases: tuple[str, ...]
    columns: tuple[Column, ...]
    doc: str = ""
    layout: str = ""  # attendance: "daily" | "punch"
    folded: dict[str, str] = field(default_factory=dict)
    # The date a record comes into being: a row anchored after the as-of day is not
    # judged yet (a scheduled entry, or a typo in the future), and is not an error.
    anchor: str = ""

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def alias_map(self) -> dict[str, str]:
        """folded alias → canonical column name (the first column claiming an alias wins).

        Built once per register (``folded`` holds it): the table never changes."""
        if not self.folded:
            for c in self.columns:
                for a in c.aliases:
                    self.folded.setdefault(fold(a), c.name)
        return self.folded


def C(name, zh, en=(), type="text", required=False, choices=(), doc=""):
    zh = tuple(zh.split("|")) if isinstance(zh, str) else tuple(zh)
    en = tuple(en.split("|")) if isinstance(en, str) and en else tuple(en)
    return Column(name, zh, en, type, required, tuple(choices), doc)


ROLES = ("一般工作人员", "股室负责人", "局领导正职", "局领导副职", "下属单位负责人", "下属单位工作人员")
LEAVE_KINDS = ("事假", "病假", "年休假", "婚假", "产假", "丧假", "探亲假", "出差", "公出", "学习")

ATTENDANCE = Register(
    "attendance",
    "考勤",
    ("考勤", "考勤记录", "打卡记录", "签到表", "每日汇总"),
    (
        C("name", "姓名", "name", required=True, doc="姓名"),
        C("staff_id", "工号|编号|考勤号码|UserId", "staff id|id|ac-no.", doc="工号（保留前导零）"),
        C("dept", "部门|股室|科室|单位", "department|dept", doc="部门 / 股室"),
        C("date", "日期|考勤日期|时间", "date", "date", True, doc="考勤日期"),
        C(
            "sign_in",
            "签到|签到时间|上班打卡|上班1打卡时间|上午签到|最早|最早打卡|上班打卡时间",
            "sign in|in|earliest",
            "time",
            doc="签到时间（上午上班）",
        ),
        C(
            "sign_out",
            "签退|签退时间|下班打卡|下班1打卡时间|上午签退|最晚|最晚打卡|下班打卡时间",
            "sign out|out|latest",
            "time",
            doc="签退时间（一段制为下班；两段制为上午下班）",
        ),
        C("sign_in2", "下午签到|上班2打卡时间", "sign in 2|in 2", "time", doc="下午签到（两段制）"),
        C("sign_out2", "下午签退|下班2打卡时间", "sign out 2|out 2", "time", doc="下午签退（两段制）"),
        C("off_post", "离岗时长|擅自离岗(分钟)|擅自离岗（分钟）|离岗分钟", "off post", "number", doc="擅自离岗分钟数"),
        C("note", "备注", "note", doc="备注"),
        # A verdict recorded by the office or its app (WeCom 考勤结果, DingTalk 打卡结果, a
        # monthly grid's symbol), read into statuses (attendance_status.py): the whole day,
        # or the morning and the afternoon.
        C("status", "考勤结果|出勤情况|考勤状态|上班1打卡结果", "result|status", "status", doc="考勤结果（记录状态）"),
        C("status2", "下班1打卡结果|下午考勤结果", "result 2", "status", doc="下午/下班考勤结果"),
    ),
    doc="考勤（按日）：每人每天一行",
    layout="daily",
    anchor="date",
)

ATTENDANCE_PUNCH = Register(
    "attendance",
    "打卡记录",
    (),
    (
        C("name", "姓名", "name", required=True),
        C("staff_id", "工号|考勤号码|UserId", "staff id|ac-no."),
        C("dept", "部门", "department"),
        C("date", "考勤日期|日期", "date", "date"),
        C("punch_time", "打卡时间|日期时间|打卡记录", "punch time|date/time|time", "datetime_or_time", True),
        C("punch_result", "打卡结果"),
    ),
    doc="考勤（打卡流水）：每次打卡一行，折算为每日签到/签退",
    layout="punch",
    anchor="date",
)

ATTENDANCE_GRID = Register(
    "attendance",
    "考勤表",
    (),
    (
        C("name", "姓名", "name", required=True),
        C("staff_id", "工号|编号|考勤号码|UserId", "staff id"),
        C("dept", "科室|部门|股室", "department"),
    ),
    doc="考勤（月度表格）：每人一行、每天一列，符号或考勤结果（考勤表、钉钉月度汇总）",
    layout="grid",
    anchor="date",
)

STAFF = Register(
    "staff",
    "人员名册",
    ("人员", "人员名册", "花名册"),
    (
        C("name", "姓名", "name", required=True, doc="姓名"),
        C("staff_id", "工号|编号", "staff id|id", doc="工号"),
        C("dept", "部门|股室|科室", "department|dept", doc="部门"),
        C("role", "职务类别|人员类别", "role", choices=ROLES, doc="职务类别"),
        C("allowance", "出勤津贴|考勤津贴", "allowance", "number", doc="出勤津贴（元/月）"),
        C("welfare", "福利补贴|福利", "welfare", "number", doc="福利补贴（元/月）"),
        C("left", "调离日期|离岗日期|调出日期", "left", "date", doc="调离（人员变动）日期"),
        C("handed_over", "财产移交日期|移交日期", "handed over", "date", doc="财产移交手续办结日期"),
    ),
    doc="人员名册（可选）：用于按元计算扣款",
)

LEAVE = Register(
    "leave",
    "请假登记",
    ("请假", "请销假", "请假登记"),
    (
        C("name", "姓名", "name", required=True, doc="请假人"),
        C("dept", "部门|股室|科室", "department|dept", doc="部门"),
        C(
            "kind",
            "请假类型|类型|假别",
            "kind|type",
            choices=LEAVE_KINDS,
            doc="请假类型（空白按事假；出差/公出/学习为公务）",
        ),
        C("role", "职务类别|人员类别", "role", required=True, choices=ROLES, doc="职务类别"),
        C("start", "开始时间|请假开始|起始日期|开始日期", "start", "datetime", True, doc="开始日期（可含时间）"),
        C("end", "结束时间|请假结束|截止日期|结束日期", "end", "datetime", True, doc="结束日期（可含时间）"),
        C("days", "天数|请假天数", "days", "number", doc="天数（空白按工作日自动计算）"),
        C("approvers", "审批人|审批领导", "approvers", "list", True, doc="审批人（多人用、分隔）"),
        C("approver_roles", "审批人职务", "approver roles", "list", doc="审批人职务（股室负责人、分管领导、局长…）"),
        C("form", "请假单", "form", "bool", choices=YES_NO, doc="是否有书面请假单"),
        C("filed", "申请日期|填报日期", "filed", "date", doc="申请（补办）日期"),
        C("returned", "销假日期|销假时间", "returned", "date", doc="销假日期"),
        C(
            "org_filed",
            "组织部备案日期|备案日期",
            "filed with organisation dept",
            "date",
            doc="局领导请假报县委组织部备案日期",
        ),
    ),
    doc="请销假登记",
    anchor="start",
)

PETITIONS = Register(
    "petitions",
    "信访登记",
    ("信访", "信访登记", "信访台账"),
    (
        C("case_id", "编号|信访编号|信访件编号|件号|来信编号", "case id|id", required=True, doc="信访件编号"),
        C("petitioner", "信访人|信访人姓名|姓名", "petitioner", doc="信访人"),
        C(
            "channel",
            "信访方式|信访形式|信访类型|方式",
            "channel",
            choices=("来信", "来访", "来电", "网上信访"),
            doc="信访方式",
        ),
        C("signed", "是否署名|署名", "signed", "bool", choices=YES_NO, doc="是否署名"),
        C("anonymous", "匿名标志|是否匿名", "anonymous", "bool", choices=YES_NO, doc="是否匿名"),
        C("received", "收到日期|信访日期|登记日期|登记时间|接件时间", "received", "date", True, doc="收到（登记）日期"),
        C("limit", "限办截止时间|承诺时限|限办日期", "limit", "date", doc="本单位承诺的限办截止日期"),
        C("accept_decided", "受理决定日期|决定受理日期", "accept decided", "date", doc="作出受理决定日期"),
        C("accepted", "是否受理", "accepted", "bool_yes", choices=YES_NO, doc="是否受理（空白视为受理）"),
        C("closed", "办结日期|结案日期", "closed", "date", doc="办结日期"),
        C(
            "extension_approved",
            "延期批准|是否延期",
            "extension approved",
            "bool",
            choices=YES_NO,
            doc="延期是否经批准",
        ),
        C("extension_days", "延长天数|延期天数", "extension days", "int", doc="延长天数"),
        C("replied", "答复日期|回复日期", "replied", "date", doc="答复日期"),
        C("dept", "承办科室|承办单位", "dept", doc="承办科室"),
        C("handler", "承办人", "handler", doc="承办人"),
        C("major", "重大信访|是否重大|重大案件", "major", "bool", choices=YES_NO, doc="是否重大信访案件"),
        C("from_above", "上级交办|是否上级交办", "from above", "bool", choices=YES_NO, doc="是否上级交办"),
        C("lead", "包案领导|包案局领导", "lead", doc="包案的局领导"),
        C("phone", "联系电话|当事人电话|电话", "phone", doc="来访、来电当事人的电话"),
        C("feedback", "结果反馈日期|反馈日期|回复当事人日期", "feedback", "date", doc="处理结果回复当事人的日期"),
        C("decision_sent", "书面意见日期|处理意见送达日期", "decision sent", "date", doc="书面处理意见送达日期"),
        C("review_requested", "复查申请日期|申请复查日期", "review requested", "date", doc="申请复查的日期"),
    ),
    doc="信访登记台账",
    anchor="received",
)

RECEPTIONS = Register(
    "receptions",
    "领导接访",
    ("领导接访", "接访登记", "接访"),
    (
        C("date", "日期|接访日期", "date", "date", True, doc="接访日期"),
        C("leader", "接待领导|接访领导", "leader", required=True, doc="接待领导"),
        C("visitors", "来访人数", "visitors", "int", doc="来访人数"),
    ),
    doc="局领导接访登记（每周三）",
    anchor="date",
)

DISCLOSURES = Register(
    "disclosures",
    "政务公开",
    ("政务公开", "信息公开", "公开台账", "主动公开"),
    (
        C("item", "公开事项|事项|标题", "item|title", required=True, doc="公开事项"),
        C(
            "category",
            "公开类别|公开方式|类别",
            "category",
            required=True,
            choices=("长期", "定期", "随时", "即时", "动态", "按月", "按季", "按年", "按批次", "发文"),
            doc="公开类别",
        ),
        C("dept", "责任科室|科室", "dept", doc="责任科室"),
        C("formed", "形成日期|完成日期|印发日期|产生日期", "formed", "date", True, doc="信息形成（印发）日期"),
        C("published", "公开日期|发布日期|上网日期", "published", "date", doc="公开日期"),
        C("period", "所属期|期次", "period", doc="所属期（2026-09、2026Q3、2026H2、2026）"),
        C(
            "web_same_day",
            "此件公开发布|公开发布",
            "web same day",
            "bool",
            choices=YES_NO,
            doc="是否标注“此件公开发布”",
        ),
        C("reviewed", "最后更新|复核日期", "reviewed", "date", doc="最后更新/复核日期（长期公开）"),
        C("channel", "公开载体|渠道", "channel", doc="公开载体"),
        C("archive_no", "归档号|档案号|归档编号", "archive no", doc="政务公开档案归档号"),
    ),
    doc="政务公开（主动公开）台账",
    anchor="formed",
)

REQUESTS = Register(
    "requests",
    "依申请公开",
    ("依申请公开", "信息公开申请", "政府信息公开申请"),
    (
        C("case_id", "编号|申请编号", "case id|id", required=True, doc="申请编号"),
        C("applicant", "申请人", "applicant", doc="申请人"),
        C("received", "收到申请日期|收到日期|申请日期|申请时间", "received", "date", True, doc="收到申请日期"),
        C("supplement_sent", "补正通知日期", "supplement sent", "date", doc="发出补正通知日期"),
        C(
            "supplement_received",
            "收到补正日期|补正日期",
            "supplement received",
            "date",
            doc="收到补正日期（答复期限自此重新起算）",
        ),
        C(
            "consult_days",
            "征求意见用时|征求意见天数",
            "consult days",
            "int",
            doc="征求第三方意见用时（工作日，不计入期限）",
        ),
        C(
            "extension_approved",
            "延期批准|是否延期",
            "extension approved",
            "bool",
            choices=YES_NO,
            doc="延期是否经负责人同意",
        ),
        C("extension_days", "延长天数|延期天数", "extension days", "int", doc="延长工作日数"),
        C(
            "extension_notified",
            "告知申请人|延期告知",
            "extension notified",
            "bool",
            choices=YES_NO,
            doc="是否告知申请人延期",
        ),
        C("replied", "答复日期", "replied", "date", doc="答复日期"),
        C("dept", "承办科室", "dept", doc="承办科室"),
    ),
    doc="依申请公开登记",
    anchor="received",
)

OPINIONS = Register(
    "opinions",
    "群众意见",
    ("群众意见", "意见建议", "意见箱"),
    (
        C("opinion_id", "编号|意见编号", "id", required=True, doc="意见编号"),
        C("received", "收到日期", "received", "date", True, doc="收到日期"),
        C("on_spot", "当场答复", "on spot", "bool", choices=YES_NO, doc="是否当场答复"),
        C("replied", "答复日期|回复日期", "replied", "date", doc="答复日期"),
        C("dept", "承办科室", "dept", doc="承办科室"),
        C("handler", "承办人", "handler", doc="承办人"),
        C("rectified", "整改完成日期|整改日期", "rectified", "date", doc="整改落实完成日期"),
        C("feedback", "反馈日期|反馈表日期|反馈群众日期", "feedback", "date", doc="填写反馈表并反馈群众的日期"),
        C("result", "处理结果|处理情况|办理结果", "result", doc="处理结果（汇总表）"),
    ),
    doc="群众意见建议登记",
    anchor="received",
)

INCIDENTS = Register(
    "incidents",
    "舆情回应",
    ("舆情", "突发事件", "舆情回应"),
    (
        C("incident_id", "编号|事件编号", "id", required=True, doc="事件编号"),
        C("level", "级别|事件级别", "level", required=True, choices=("特别重大", "重大", "一般"), doc="事件级别"),
        C("detected", "发生时间|发现时间", "detected", "datetime", True, doc="发生（发现）时间"),
        C("info_released", "发布权威信息时间|信息发布时间", "info released", "datetime", doc="发布权威信息时间"),
        C("press_conference", "新闻发布会时间", "press conference", "datetime", doc="新闻发布会时间"),
        C("responded", "回应时间", "responded", "datetime", doc="回应时间"),
        C("dept", "责任科室", "dept", doc="责任科室"),
    ),
    doc="舆情、突发事件回应登记",
    anchor="detected",
)

WEB_UPDATES = Register(
    "web_updates",
    "网站更新",
    ("网站更新", "网站信息发布"),
    (
        C("date", "日期|发布日期", "date", "date", True, doc="发布日期"),
        C("column", "栏目", "column", doc="栏目"),
        C("title", "标题", "title", doc="标题"),
    ),
    doc="门户网站更新记录",
    anchor="date",
)

MEETINGS = Register(
    "meetings",
    "会议记录",
    ("会议", "会议记录", "活动记录"),
    (
        C("date", "日期|会议日期", "date", "date", True, doc="会议日期"),
        C(
            "kind",
            "会议类型|类型",
            "kind|type",
            required=True,
            choices=(
                "领导小组会议",
                "座谈会",
                "信访例会",
                "初审会",
                "审议会",
                "决议会",
                "培训",
                "明察暗访",
                "检查",
                "政策解读",
                "局长办公会",
                "集中学习",
                "周工作安排",
                "月度小结",
                "考勤公布",
                "收支报表",
                "征求人大政协意见",
                "信访考核",
                "年度评估",
                "档案归档",
                "规范性文件清理",
                "不予公开信息清理",
                "跨股室活动",
            ),
            doc="会议（活动）类型",
        ),
        C("matter", "议题|事项编号", "matter", doc="议题（同一重大事项的三次会议填同一编号）"),
        C("members", "应到人数|成员人数", "members", "int", doc="应到人数"),
        C("votes_for", "同意人数|赞成人数", "votes for", "int", doc="同意人数"),
        C("leader", "主持人|解读人", "leader", doc="主持人 / 解读人"),
        C("major", "重大事项", "major", "bool", choices=YES_NO, doc="是否重大事项"),
        C("dept", "部门|股室|主办股室", "dept|section", doc="部门（股室的周安排、月小结，跨股室活动的主办股室）"),
        C("plan_approved", "方案审批日期|方案批准日期", "plan approved", "date", doc="活动方案经分管领导同意的日期"),
    ),
    doc="会议与活动记录",
    anchor="date",
)

COMPLAINTS = Register(
    "complaints",
    "效能投诉",
    ("投诉", "效能投诉", "问责登记"),
    (
        C("date", "日期|投诉日期", "date", "date", True, doc="投诉日期"),
        C("name", "姓名|被投诉人", "name", required=True, doc="被投诉人"),
        C("dept", "部门", "dept", doc="部门"),
        C(
            "kind",
            "类型|投诉类型",
            "kind|type",
            required=True,
            choices=("首问负责", "一次性告知", "效能告诫", "其他"),
            doc="投诉类型",
        ),
        C(
            "substantiated",
            "查实|是否查实",
            "substantiated",
            "bool_yes",
            choices=YES_NO,
            doc="是否查实（空白视为查实）",
        ),
        C("detail", "事由", "detail", doc="事由"),
        C("result", "处理结果|调查结果", "result", doc="处理结果"),
        C("concluded", "办结日期|处理日期", "concluded", "date", doc="处理办结日期"),
        C("handled_by", "处理负责人|调查负责人|负责人", "handled by", doc="负责调查处理的领导"),
        C("basis", "告诫依据|依据条款", "basis", doc="效能告诫的依据（效能告诫制度 一/三/四）"),
        C("meeting", "局务会研究|局务会", "meeting", "bool", choices=YES_NO, doc="是否经局务会集体研究"),
    ),
    doc="效能投诉与问责登记",
    anchor="date",
)

EXPENSES = Register(
    "expenses",
    "财务支出",
    ("报销", "财务支出", "支出台账"),
    (
        C("date", "日期|支出日期", "date", "date", True, doc="支出日期"),
        C("item", "事项|摘要", "item", required=True, doc="事项"),
        C("amount", "金额", "amount", "number", True, doc="金额（元）"),
        C("category", "类别", "category", choices=("办公用品", "固定资产", "维修", "接待", "其他"), doc="类别"),
        C("voucher", "凭证|票据", "voucher", choices=("发票", "收据"), doc="凭证"),
        C("payment", "支付方式", "payment", choices=("现金", "转账"), doc="支付方式"),
        C("payee", "收款单位|收款人", "payee", doc="收款单位"),
        C("handler", "经手人", "handler", doc="经手人"),
        C("witness", "证明人", "witness", doc="证明人"),
        C("approver", "审批人", "approver", doc="审批人"),
        C(
            "approved_by",
            "审批层级",
            "approved by",
            choices=("分管领导", "局长", "局务会", "县分管领导"),
            doc="审批层级",
        ),
        C("meeting", "局务会研究", "meeting", "bool", choices=YES_NO, doc="是否经局务会研究"),
        C("repair_done", "维修完成日期", "repair done", "date", doc="维修完成日期"),
        C("settled", "结账日期", "settled", "date", doc="结账日期"),
        C("reimbursed", "报销日期", "reimbursed", "date", doc="报销（集中处理）日期"),
        C("asset_no", "资产编号|固定资产编号|资产登记号", "asset no", doc="固定资产登记编号"),
        C("accepted", "验收日期", "accepted", "date", doc="实物验收日期"),
        C(
            "procurement",
            "政府采购|是否政府采购",
            "government procurement",
            "bool",
            choices=YES_NO,
            doc="是否实行政府采购",
        ),
        C("plate", "车牌号|车牌|车号", "plate", doc="车辆维修、用油的车牌号"),
        C("repair_date", "维修日期|送修日期", "repair date", "date", doc="车辆送修日期"),
        C(
            "repair_approved",
            "维修批准日期|维修审批日期",
            "repair approved",
            "date",
            doc="车辆所在单位领导批准维修的日期",
        ),
        C("garage", "维修单位|修理厂|维修厂", "garage", doc="维修单位（修理厂）"),
        C("roadside", "外出维修|外出故障维修", "roadside repair", "bool", choices=YES_NO, doc="是否外出途中故障维修"),
        C("reason", "维修原因|故障原因", "repair reason", doc="外出维修的原因"),
    ),
    doc="财务支出台账",
    anchor="date",
)

SUBMISSIONS = Register(
    "submissions",
    "信息报送",
    ("信息报送", "信息报送登记", "报送信息", "政务信息报送"),
    (
        C("date", "报送日期|日期", "date|submitted", "date", True, doc="报送日期"),
        C("unit", "报送单位|单位", "unit", required=True, doc="报送单位"),
        C("title", "信息标题|标题|题目", "title", doc="信息标题"),
        C(
            "level",
            "采用级别|采用情况|采用",
            "adopted|level",
            choices=("未采用", "县", "市", "省"),
            doc="采用级别（未采用 / 县 / 市(州) / 省）",
        ),
    ),
    doc="信息报送登记：各单位报送的政务公开信息及采用情况（县级汇总）",
    anchor="date",
)

DRAWS = Register(
    "draws",
    "抽查名单",
    ("抽查名单", "双随机抽取", "随机抽取名单"),
    (
        C("office", "单位|抽中单位|被抽查单位|单位 office", "office|target", required=True, doc="抽中的单位"),
        C("inspectors", "检查人员|检查人员 inspectors", "inspectors", doc="抽中的检查人员"),
        C("drawn_on", "抽取日期|抽取日期 drawn on", "drawn on|date", "date", True, doc="抽取日期"),
    ),
    doc="双随机抽查名单（gov-audit sample 写出）",
    anchor="drawn_on",
)

INSPECTIONS = Register(
    "inspections",
    "双随机检查",
    ("双随机检查", "随机抽查", "抽查检查登记", "检查结果"),
    (
        C("office", "检查对象|被检查单位|单位", "target|office", required=True, doc="被检查单位"),
        C("inspector", "检查人员", "inspector", doc="检查人员"),
        C("date", "检查日期", "date|inspected", "date", True, doc="检查日期"),
        C("result", "检查结果|结果", "result", doc="检查结果"),
        C("published", "结果公开日期|公开日期", "published", "date", doc="检查结果公开日期"),
    ),
    doc="双随机检查登记：每次检查的对象、结果和结果公开日期",
    anchor="date",
)

DUTY = Register(
    "duty",
    "值班表",
    ("值班", "值班表", "值班安排", "值班登记"),
    (
        C("date", "值班日期|日期", "date", "date", True, doc="值班日期"),
        C("person", "值班人员|值班人|姓名", "on duty|person", required=True, doc="值班人员"),
        C("leader", "带班领导|值班领导", "leader", doc="带班领导"),
        C("arrival", "到岗时间|签到时间|到岗", "arrival", "time", doc="值班人员到岗时间"),
        C("filed", "报备日期|备案日期", "filed", "date", doc="节假日值班安排报综合股备案的日期"),
        C("dept", "单位|部门|股室", "unit|dept", doc="单位 / 部门"),
    ),
    doc="值班表：每个值班日一行（工作日与节假日）",
    anchor="date",
)

HOSPITALITY = Register(
    "hospitality",
    "公务接待",
    ("公务接待", "公务接待登记", "接待登记", "接待台账"),
    (
        C("date", "接待日期|日期", "date", "date", True, doc="接待日期"),
        C("guests", "接待对象|来宾单位|来宾", "guests", doc="接待对象（来宾单位）"),
        C("guest_count", "接待人数|来宾人数|接待对象人数", "guest count", "number", doc="接待对象人数"),
        C("companions", "陪同人数|陪餐人数", "companions", "number", doc="陪同（陪餐）人数"),
        C("amount", "接待费用|费用|金额", "amount", "number", doc="接待费用（元）"),
        C("approver", "审批人|批准人", "approver", doc="审批人"),
        C("approved_on", "审批日期|批准日期", "approved on", "date", doc="公务接待审批单的审批日期"),
        C("dept", "承办股室|承办单位|部门", "dept", doc="承办股室 / 单位"),
    ),
    doc="公务接待登记：每次接待一行（审批单、人数、费用）",
    anchor="date",
)

TASKS = Register(
    "tasks",
    "督办事项",
    ("督办事项", "督办", "交办事项", "督办登记", "预约登记", "办事预约"),
    (
        C("task_id", "编号|事项编号|督办编号", "id|task id", doc="事项编号"),
        C("task", "事项|交办事项|预约事项|内容", "task|matter", doc="交办（预约）事项"),
        C(
            "source",
            "来源|交办单位|交办来源|类型",
            "source|kind",
            choices=("上级交办", "局领导交办", "办事预约", "其他"),
            doc="来源：上级交办 / 局领导交办 / 办事预约",
        ),
        C("assigned", "交办日期|登记日期|预约登记日期", "assigned", "date", True, doc="交办（登记）日期"),
        C("due", "办结期限|期限|预约日期|上级期限", "due", "date", doc="办结期限（预约的为约定日期）"),
        C("done", "办结日期|完成日期", "done", "date", doc="办结日期"),
        C("report", "结案报告日期|报告日期|反馈日期", "report", "date", doc="向交办单位报告（结案报告）的日期"),
        C("handler", "承办人|负责人|经办人", "handler", doc="承办人"),
        C("dept", "承办股室|承办单位|部门", "dept", doc="承办股室"),
    ),
    doc="督办事项登记：上级交办、局领导交办和办事预约，每项一行",
    anchor="assigned",
)

DOCUMENTS = Register(
    "documents",
    "发文登记",
    ("发文登记", "发文", "发文台账", "规范性文件", "规范性文件登记", "公文登记"),
    (
        C("doc_no", "文号|发文字号|发文文号", "doc no|number", doc="文号"),
        C("title", "标题|文件标题|文件名称", "title", doc="文件标题"),
        C(
            "issuer",
            "发文名义|发文机关|名义",
            "issued as|issuer",
            choices=("本局", "股室", "代县委县政府"),
            doc="以谁的名义印发：本局 / 股室 / 代县委县政府",
        ),
        C("issued", "印发日期|发文日期|成文日期", "issued|date", "date", True, doc="印发日期"),
        C("signer", "签发人", "signed by|signer", doc="签发人（姓名后注职务，如 郑建国（局长））"),
        C("normative", "规范性文件|是否规范性文件", "normative", "bool", choices=YES_NO, doc="是否规范性文件"),
        C(
            "legal_review",
            "法制审查日期|合法性审查日期|法制科审查日期",
            "legal review",
            "date",
            doc="目标法制科审查日期",
        ),
        C(
            "attribute",
            "公开属性",
            "disclosure attribute|attribute",
            choices=("主动公开", "依申请公开", "不予公开"),
            doc="公开属性",
        ),
        C("withheld_reason", "不予公开理由|不公开理由", "withheld reason", doc="拟不公开的理由"),
        C("published", "公开日期|网上公开日期|发布日期", "published", "date", doc="在门户网站公开的日期"),
        C(
            "validity",
            "有效性|效力状态|文件有效性",
            "validity",
            choices=("现行有效", "已修订", "失效", "废止"),
            doc="公开时标注的有效性",
        ),
        C("policy", "政策性文件|是否政策性文件", "policy", "bool", choices=YES_NO, doc="是否政策性文件"),
        C(
            "interpretation",
            "解读材料同步送审|解读材料|解读方案",
            "interpretation submitted",
            "bool",
            choices=YES_NO,
            doc="解读方案、解读材料是否与草案一并送审",
        ),
        C("interp_published", "解读发布日期|解读公开日期", "interpretation published", "date", doc="解读材料发布日期"),
        C("cleaned", "清理日期|最近清理日期", "cleaned up", "date", doc="规范性文件最近一次清理的日期"),
        C(
            "cleanup_published",
            "清理结果公开日期|清理结果公布日期",
            "clean-up published",
            "date",
            doc="清理结果向社会公布的日期",
        ),
        C("dept", "拟稿股室|主办股室|承办股室|部门", "dept", doc="拟稿（主办）股室"),
    ),
    doc="发文登记：本局印发的每份文件一行（公开属性、法制审查、有效性、政策解读、签发、规范性文件清理）",
    anchor="issued",
)

DECISIONS = Register(
    "decisions",
    "重大决策",
    ("重大决策", "重大决策登记", "决策公开", "重大事项决策"),
    (
        C("matter", "事项编号|议题编号|议题", "matter|id", doc="事项编号（与会议记录的议题一致）"),
        C("title", "决策事项|事项名称|事项", "decision|title", doc="决策事项"),
        C(
            "draft_published",
            "草案公布日期|预公开日期|征求意见日期",
            "draft published",
            "date",
            doc="决策草案公布征求意见的日期",
        ),
        C("decided", "决策日期|决议日期|决定日期", "decided|date", "date", True, doc="作出决策的日期"),
        C(
            "adoption_published",
            "采纳情况公开日期|意见采纳情况公开日期|采纳情况公布日期",
            "adoption published",
            "date",
            doc="公开意见采纳情况（含不予采纳理由）的日期",
        ),
        C("publicity", "公示日期|决策公开日期|结果公示日期", "made public|publicity", "date", doc="决议后公示的日期"),
        C(
            "attend_opinion",
            "列席公开意见|列席和公开意见",
            "attendance opinion",
            "bool",
            choices=YES_NO,
            doc="会议方案是否附是否邀请列席、是否公开及公开方式的意见",
        ),
        C("dept", "牵头科室|牵头股室|承办科室|部门", "dept", doc="议题牵头科室"),
    ),
    doc="重大决策登记：每项重大决策一行（预公开、采纳情况、决议后公示）",
    anchor="decided",
)

VEHICLE_TRIPS = Register(
    "vehicle_trips",
    "派车登记",
    ("派车登记", "派车单", "用车登记", "出车登记", "车辆使用登记"),
    (
        C("date", "用车日期|出车日期|日期", "date", "date", True, doc="用车（出车）日期"),
        C("plate", "车牌号|车牌|车号", "plate", doc="车牌号"),
        C("user", "用车人|用车股室|用车单位", "user", doc="用车人或用车股室"),
        C("purpose", "用车事由|事由", "purpose", doc="用车事由"),
        C("dispatch_dept", "派车部门|派车股室", "dispatched by", doc="派车部门（应为综合股）"),
        C("dispatcher", "派车人", "dispatcher", doc="派车人"),
        C("loan", "外借|是否外借", "lent out", "bool", choices=YES_NO, doc="是否借给外单位"),
        C("borrower", "借用单位|借车单位", "borrower", doc="借车的外单位"),
        C("approver", "批准人|审批人", "approver", doc="外借的批准人（局领导，注明职务）"),
        C("approved_on", "批准日期|审批日期", "approved on", "date", doc="外借批准日期"),
    ),
    doc="派车登记：每次出车一行（综合股统一派车，外借须局领导事先同意）",
    anchor="date",
)

FUEL = Register(
    "fuel",
    "加油登记",
    ("加油登记", "用油登记", "车辆加油登记", "油耗登记"),
    (
        C("date", "加油日期|日期", "date", "date", True, doc="加油日期"),
        C("plate", "车牌号|车牌|车号", "plate", required=True, doc="车牌号"),
        C(
            "vehicle_type",
            "车型|车辆类型",
            "vehicle type",
            choices=("轿车", "越野车", "商务车", "面包车", "客车", "货车", "其他"),
            doc="车型（定额按车型）",
        ),
        C("litres", "加油升数|加油量|升数", "litres", "number", doc="加油升数"),
        C("amount", "加油金额|金额", "amount", "number", doc="加油金额（元）"),
        C("odometer", "里程表读数|里程数|里程", "odometer", "number", doc="加油时里程表读数（公里）"),
        C("norm", "百公里油耗定额|油耗定额", "norm", "number", doc="本车百公里油耗定额（升，可空：按车型）"),
        C("driver", "驾驶员|加油人", "driver", doc="驾驶员"),
    ),
    doc="加油登记：每次加油一行（升数、里程表读数），按行程核实油耗",
    anchor="date",
)

SIGNIN = Register(
    "signin",
    "集体活动签到",
    ("集体活动签到", "集中学习签到", "活动签到", "学习签到"),
    (
        C("date", "活动日期|学习日期|日期", "date", "date", True, doc="活动（学习）日期"),
        C("activity", "活动名称|活动|学习内容", "activity", doc="活动或学习名称"),
        C("name", "姓名", "name", required=True, doc="应到人员"),
        C("dept", "部门|股室", "dept", doc="部门"),
        C("role", "职务类别|人员类别", "role", choices=ROLES, doc="职务类别（中层以上向局长请假）"),
        C("signed", "签到|是否签到|出席", "signed in|present", "bool", choices=YES_NO, doc="是否签到（空白为未签到）"),
        C("leave_approver", "请假批准人|批准人", "leave approved by", doc="请假批准人（注明职务）"),
    ),
    doc="集体活动、集中学习签到表：每次活动每名应到人员一行",
    anchor="date",
)

SERVICE_CASES = Register(
    "service_cases",
    "办事登记",
    ("办事登记", "受理登记", "窗口办事登记", "首问登记", "便民服务登记"),
    (
        C("date", "受理日期|办事日期|日期", "date", "date", True, doc="来办（受理）日期"),
        C("applicant", "办事人|服务对象|申请人", "applicant", doc="办事人"),
        C("matter", "办理事项|事项", "matter", doc="办理事项"),
        C("officer", "首问责任人|受理人|经办人", "first officer", doc="首问责任人"),
        C("complete", "材料齐全|材料是否齐全", "materials complete", "bool", choices=YES_NO, doc="材料是否齐全"),
        C("on_spot", "当场办结|是否当场办结", "settled on the spot", "bool", choices=YES_NO, doc="是否当场办结"),
        C("receipt", "受理回执编号|受理回执单|回执编号", "receipt", doc="受理回执单编号"),
        C("notice", "一次性告知单编号|一次性告知单|告知单编号", "one-time notice", doc="一次性告知单编号"),
        C("notices", "告知次数", "notices", "int", doc="告知补正材料的次数"),
        C("done", "办结日期", "done", "date", doc="办结日期"),
        C("dept", "承办股室|部门", "dept", doc="承办股室"),
    ),
    doc="办事登记：窗口受理的每件事一行（受理回执单、一次性告知单）",
    anchor="date",
)

AB_POSTS = Register(
    "ab_posts",
    "AB岗",
    ("AB岗", "AB岗设置", "AB顶岗", "AB岗位表"),
    (
        C("post", "岗位|窗口", "post", required=True, doc="岗位（窗口）"),
        C("a_person", "A岗人员|A岗", "a post", required=True, doc="A岗人员"),
        C("b_person", "B岗人员|B岗", "b post", required=True, doc="B岗人员"),
    ),
    doc="AB岗设置：每个岗位一行（A岗外出由B岗顶岗）",
)

HANDOVERS = Register(
    "handovers",
    "交接班登记",
    ("交接班登记", "交接登记", "AB岗交接登记"),
    (
        C("date", "交接日期|日期", "date", "date", True, doc="交接日期"),
        C("post", "岗位|窗口", "post", required=True, doc="岗位"),
        C("from_person", "交班人", "handed over by", doc="交班人"),
        C("to_person", "接班人", "taken over by", doc="接班人"),
    ),
    doc="AB岗交接班登记：每次交接一行",
    anchor="date",
)

COMMITMENTS = Register(
    "commitments",
    "服务承诺",
    ("服务承诺", "服务承诺签名", "社会服务承诺"),
    (
        C("unit", "单位|部门", "unit", required=True, doc="单位"),
        C("head", "主要负责人|负责人", "head", doc="现任主要负责人"),
        C("head_since", "负责人任职日期|任职日期", "head since", "date", True, doc="现任主要负责人任职日期"),
        C("signed", "承诺签署日期|签名日期|签署日期", "signed", "date", doc="服务承诺签名日期"),
    ),
    doc="社会服务承诺签名：每个单位一行（负责人更换后须重新签名）",
)

REGISTERS: tuple[Register, ...] = (
    ATTENDANCE,
    STAFF,
    LEAVE,
    PETITIONS,
    RECEPTIONS,
    DISCLOSURES,
    REQUESTS,
    OPINIONS,
    INCIDENTS,
    WEB_UPDATES,
    MEETINGS,
    COMPLAINTS,
    EXPENSES,
)
REGISTERS += (
    SUBMISSIONS,
    DRAWS,
    INSPECTIONS,
    DUTY,
    HOSPITALITY,
    TASKS,
    DOCUMENTS,
    DECISIONS,
    VEHICLE_TRIPS,
    FUEL,
    SIGNIN,
    SERVICE_CASES,
    AB_POSTS,
    HANDOVERS,
    COMMITMENTS,
)
BY_KEY: dict[str, Register] = {r.key: r for r in REGISTERS}
# Candidates considered when classifying by headers (both attendance layouts).
LAYOUTS: tuple[Register, ...] = REGISTERS + (ATTENDANCE_PUNCH,)
