# ruff: noqa: E501
# (the reading's texts, one per line as in the table they come from)
"""The obligations of the five source regulations, clause by clause: what docs/coverage.md
measures the rules against.

The list is the reading in ../shared/docs/obligations.md (113 checkable obligations, in its
order, so ``O001`` … ``O113`` are stable); the seed text decides where they disagree.  A
rule names the obligations it judges in its own ``obligations`` field (a ladder in its
``obligations`` too), so coverage is generated from the rules, not written twice.  An
obligation no register can show carries the reason in ``not_checkable``; one judged only
in part says what is left in ``partial``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Obligation:
    id: str
    clause: str
    text: str
    partial: str = ""  # what of it no rule judges
    not_checkable: str = ""  # why no register can show it


OBLIGATIONS: dict[str, Obligation] = {
    o.id: o
    for o in (
        Obligation(
            'O001',
            '000 (一)1',
            'Listed items (policies, duties, fees, commitments, hotline…) disclosed long-term',
            partial="The timing and review of each registered 长期 item is judged; whether every mandatory item has a row at all needs the office's checklist of items.",
        ),
        Obligation('O002', '000 (一)2', 'Periodic items published on time every period'),
        Obligation('O003', '000 (一)3', 'Dynamic items published within 3 days of completion'),
        Obligation('O004', '000 (一)4', 'Changed content updated promptly'),
        Obligation('O005', '000 (二)2', 'Leading group meets monthly'),
        Obligation('O006', '000 (二)2', 'Major matters need ≥2/3 of leading-group members'),
        Obligation('O007', '000 (二)3', 'Major matters go through 初审会→审议会→决议会, then 公示'),
        Obligation('O008', '000 (四)1', "Solicit NPC deputies'/CPPCC members' opinions every year"),
        Obligation('O009', '000 (四)3', "Supervisors' forum every quarter"),
        Obligation('O010', '000 (五)1', 'Opinions recorded in 《群众意见和建议汇总表》'),
        Obligation('O011', '000 (五)2', 'Opinions not answered on the spot replied within 10 working days'),
        Obligation('O012', '000 (五)4', 'After rectification fill 《反馈表》 and feed back to the person'),
        Obligation(
            'O013',
            '000 (六)1–2',
            'Keep a 政务公开 archive; file documents/forms/records by category',
            partial="Each published disclosure filed under an archive number is judged; the archive's cabinets and keeper are not in a register.",
        ),
        Obligation('O014', '000 (七)1', 'Report 政务公开 information at least every 3 months'),
        Obligation('O015', '000 (七)3', 'Register submitted/adopted information; publish rankings periodically'),
        Obligation('O016', '000 (八)1', 'Annual 政务公开 evaluation with ranking and written report'),
        Obligation('O017', '000 (八)2', 'Regular + unannounced inspections'),
        Obligation('O018', '000 (九)2', 'Every complaint/report gets a result'),
        Obligation('O019', '000 (九)3', "Complaint cases handled personally by the leading group's principal"),
        Obligation('O020', '000 (十)1', 'Unit criticised for incomplete content or late dynamic items'),
        Obligation(
            'O021',
            '000 (十)2',
            'Unit loses award eligibility: no leading/supervisory body, public dissatisfied, falsification',
            not_checkable="Losing award eligibility rests on a missing leading/supervisory body, public dissatisfaction or falsification: dissatisfaction needs a survey register and falsification is not visible in a register; the leading group's meetings are MTG001's.",
        ),
        Obligation('O022', '000 (十)3', 'Unit head accountable: not disclosing, content unchanged long-term'),
        Obligation(
            'O023',
            '001 ㈠ 一',
            'Listed items (laws, fees, penalties, 社会抚养费, births, permits…) all disclosed',
            partial="The registered items' timing is judged; that every listed kind of item is registered is not.",
        ),
        Obligation('O024', '001 ㈠ 三', 'Disclose by 长期 / 定期 / 随时 category, on time'),
        Obligation(
            'O025',
            '001 组织实施㈡',
            'Public awareness ≥85% at demonstration sites',
            not_checkable='Public awareness (≥85 %) is measured by a survey of the public at demonstration sites, not by any register an office keeps.',
        ),
        Obligation('O026', '001 ㈢', 'First-inquiry responsibility'),
        Obligation('O027', '001 ㈢', "Petitions concluded within the office's promised limit (限时办结)"),
        Obligation('O028', '001 ㈢', '≥2 unannounced inspections a year'),
        Obligation(
            'O029',
            '002 (一)1',
            'Major-decision drafts published for comment; adoption results and reasons for rejection published',
        ),
        Obligation(
            'O030',
            '002 (一)2',
            'Opinion on attendees/openness submitted with the meeting plan; public-interest meetings broadcast',
            partial='The opinion on attendance and openness is judged; broadcasting public-interest meetings is not.',
        ),
        Obligation(
            'O031',
            '002 (一)3',
            'Each draft document gets a disclosure attribute (主动/依申请/不予公开), reasons if not public; normative docs reviewed by 目标法制科',
        ),
        Obligation('O032', '002 (三)2', '双随机一公开: publish the random-inspection list and, promptly, results'),
        Obligation(
            'O033',
            '002 (四), (五)3, (十二)1',
            'One-off 2017 deadlines (service catalogue by 06-30, portal column by 07-31, 2008+ documents and basic catalogue by year-end)',
            not_checkable='One-off deadlines of 2017 (service catalogue by 2017-06-30, portal column by 2017-07-31, documents since 2008 and the basic catalogue by 2017-12-31): long past and never recurring.',
        ),
        Obligation(
            'O034',
            '002 (五)2',
            'NPC suggestion / CPPCC proposal replies published in full',
            partial='Replies are judged by the generic 20-working-day limit; nothing ensures each NPC suggestion or CPPCC proposal has a row.',
        ),
        Obligation('O035', '002 (五)3', 'Documents marked 此件公开发布 online on the day issued'),
        Obligation('O036', '002 (五)3', 'Published documents marked with validity status'),
        Obligation('O037', '002 (五)3', 'Normative documents cleaned up every 2 years, results published'),
        Obligation(
            'O038',
            '002 (六)',
            'Budgets and final accounts published',
            partial='Budgets and final accounts are judged when registered as yearly items; their presence is not enforced.',
        ),
        Obligation('O039', '002 (七)1', 'Interpretation plan/materials submitted with the policy draft'),
        Obligation('O040', '002 (七)2', 'Principal leader interprets important policies ≥2 times a year'),
        Obligation('O041', '002 (七)4', 'Interpretation released together with the policy document'),
        Obligation('O042', '002 (八)', 'Major/especially major incident: authoritative information within 5 h'),
        Obligation('O043', '002 (八)', 'Major/especially major incident: press conference within 24 h'),
        Obligation('O044', '002 (八)', 'Other public concerns: authoritative response within 48 h'),
        Obligation('O045', '002 (九)3', 'Portal updated ≥2 times a week'),
        Obligation('O046', '002 (十一)', 'Information requests answered within the statutory limit'),
        Obligation('O047', '002 (十二)2', 'Periodic review of withheld information; publish what should be public'),
        Obligation(
            'O048',
            '002 (十三)',
            'Section publicly notified and points deducted for unpublished info, uninterpreted policy, late response, unanswered request',
        ),
        Obligation(
            'O049', '003 首問負責制 3', 'Complete but not immediate: register + 受理回执单; incomplete: 一次性告知单'
        ),
        Obligation(
            'O050',
            '003 首問負責制 6',
            'Ladder: 1st written self-criticism; 2nd efficiency warning + 基本称职; 3rd admin. warning + 不称职',
        ),
        Obligation(
            'O051',
            '003 一次性告知制度 1–2',
            'Tell all missing materials/procedure/time limit (or refusal reason) at once',
        ),
        Obligation(
            'O052', '003 一次性告知制度 3', 'Ladder: 1st efficiency warning + 基本称职; 2nd admin. warning + 不称职'
        ),
        Obligation('O053', '003 效能告誡制度 一', 'Violations 1–6: 1st admonishment, 2nd efficiency warning'),
        Obligation(
            'O054',
            '003 效能告誡制度 二',
            'Warnings per year cap rating (1 not excellent, 2 not competent, 3 incompetent, more → admin. warning)',
        ),
        Obligation('O055', '003 效能告誡制度 四', 'Discretionary efficiency warnings require 局务会 collective study'),
        Obligation(
            'O056', '003 考勤制度 2–3', 'Sign-in within 10 min; late 10–15; early <15; absent >15 or off post >30 min'
        ),
        Obligation('O057', '003 考勤制度 4', 'Attendance statistics compiled and posted monthly'),
        Obligation(
            'O058',
            '003 考勤制度 5',
            'Leaving the post must be reported to the right superior, else off-post',
            partial='The recorded off-post minutes are judged; whether the person reported to the right superior needs an outing register.',
        ),
        Obligation('O059', '003 考勤制度 6', 'Absence without prior leave counts as absence'),
        Obligation(
            'O060',
            '003 考勤制度 7',
            'Collective activities/study: leave only with approval; unapproved non-attendance = absence',
        ),
        Obligation(
            'O061',
            '003 考勤制度 8',
            'Monthly ladder: 2 lates → ½ day, half allowance; 3–4 or 1 day → allowance cancelled; >4 or >1 day → + welfare',
        ),
        Obligation(
            'O062', '003 考勤制度 9', 'Yearly ladder by incidents; dismissal for >15 consecutive or >30 days/year'
        ),
        Obligation('O063', '003 請銷假制度 2–5', 'Leave approval authority by role and length'),
        Obligation('O064', '003 請銷假制度 6', 'Leave >1 day needs a written 请假单'),
        Obligation('O065', '003 請銷假制度 6', 'Unfiled leave = absence; late leave filed within one week'),
        Obligation('O066', '003 請銷假制度 6', 'Report back (销假) when leave ends'),
        Obligation(
            'O067',
            '003 請銷假制度 7',
            "Bureau leaders' approved leave filed with county Organisation Dept; others' with the attendance section",
        ),
        Obligation('O068', '003 學習制度 2–3', 'Collective study every Monday evening, attendance taken'),
        Obligation(
            'O069',
            '003 請示匯報制度 3',
            'Cross-section activities need a plan approved by 分管领导, reported to 局长, beforehand',
        ),
        Obligation('O070', '003 議事辦公制度 2', "Director's office meeting monthly (or as needed)"),
        Obligation(
            'O071',
            '003 車輛管理制度 一、1/4/5',
            'Vehicles dispatched only by 综合股; outside loans need prior leader approval; no unauthorised trips',
        ),
        Obligation(
            'O072',
            '003 車輛管理制度 三、1–2',
            "Repair approved by unit leader beforehand, at designated garage; roadside repair claims need reason, witness, main leader's approval",
        ),
        Obligation('O073', '003 車輛管理制度 三、3', 'Repair settled with the garage within one month'),
        Obligation('O074', '003 車輛管理制度 三、4', 'Fuel purchases recorded; consumption checked against mileage'),
        Obligation('O075', '003 財務管理制度 1', 'Property handed over when staff change'),
        Obligation('O076', '003 財務管理制度 2', 'Office purchases approved by 分管领导; >300 yuan by the director'),
        Obligation('O077', '003 財務管理制度 2', 'Valuable office equipment purchase decided by 局务会'),
        Obligation('O078', '003 財務管理制度 3', '≥200 yuan: invoice not receipt; ≥1000 yuan: bank transfer'),
        Obligation(
            'O079',
            '003 財務管理制度 4',
            'Fixed assets registered; government procurement where required; acceptance check',
        ),
        Obligation('O080', '003 財務管理制度 5', 'Each voucher has handler, purpose, witness and approver'),
        Obligation('O081', '003 財務管理制度 6', '≤5000 director; 5000–10000 局务会 + director; >10000 county leader'),
        Obligation('O082', '003 財務管理制度 8', 'Monthly income/expenditure report to the unit head'),
        Obligation('O083', '003 財務管理制度 9', 'Reimbursements processed on Tuesday mornings'),
        Obligation('O084', '003 接待制度 1', 'Receptions within county cost/companion standards'),
        Obligation(
            'O085',
            '003 接待制度 2–4',
            'Receptions need approval (审批单 via 分管领导; subordinate units via unit head); unapproved cost borne personally',
        ),
        Obligation('O086', '003 工作與督查制度 3', 'Section work planned each Monday, reviewed each weekend'),
        Obligation('O087', '003 工作與督查制度 4', 'Assigned tasks registered, tracked, results reported'),
        Obligation('O088', '003 工作與督查制度 5', "Monthly section summary + next month's plan to 分管领导"),
        Obligation('O089', '003 工作與督查制度 7', 'Petitions and leader-assigned cases concluded in time'),
        Obligation(
            'O090', '003 文秘工作制度 1', 'Bureau documents signed off by the director (section docs by 分管领导)'
        ),
        Obligation(
            'O091',
            '003 文秘工作制度 3–4',
            "Previous year's archive filed and catalogued at year start; loans and print jobs logged",
            partial='The yearly archiving in the first quarter is judged; loans and print jobs logs are not.',
        ),
        Obligation(
            'O092', '003 值班制度 1–2', 'Daily rotating duty; duty person 10–15 min early; holiday rosters filed'
        ),
        Obligation('O093', '003 篇2 AB頂崗 1、3', 'Post never unstaffed during working hours; handovers logged'),
        Obligation('O094', '003 篇2 辦事預約 2', 'Appointment matters concluded by the appointed time'),
        Obligation('O095', '003 篇3 一', 'Major and higher-assigned petitions owned by a named bureau leader (包案)'),
        Obligation('O096', '003 篇3 一', 'Leader receives petitioners every Wednesday, with a record'),
        Obligation('O097', '003 篇3 二', 'Assess townships on petition work twice a year'),
        Obligation('O098', '003 篇3 三', '≥2 petition trainings a year'),
        Obligation('O099', '003 篇3 四', 'Decide on petitions within 15 days'),
        Obligation('O100', '003 篇3 四', 'Conclude within 60 days; extension approved and ≤30 days'),
        Obligation('O101', '003 篇3 四', 'Closing report for higher-assigned cases on time'),
        Obligation('O102', '003 篇3 七', 'Review request within 30 days of the written decision'),
        Obligation('O103', '003 篇3 八', 'Every signed letter answered'),
        Obligation('O104', '003 篇3 八', "Visits/calls: caller's phone recorded; result fed back promptly"),
        Obligation('O105', '004 二 (末)', 'Units whose head changed must re-sign the service commitment'),
        Obligation('O106', '004 三 即时', 'Immediate items published at once'),
        Obligation('O107', '004 三 按月/按季/按年', 'Monthly, quarterly, yearly items published every period'),
        Obligation('O108', '004 三 按批次', 'Batch items (procurement, tenders, land supply) published per batch'),
        Obligation('O109', '004 三 长期', 'Long-term items kept current'),
        Obligation(
            'O110', '004 三', 'Important matters pre-disclosed; major matters disclosed before/during/after decision'
        ),
        Obligation('O111', '004 四', '1–2 comprehensive inspections a year'),
        Obligation(
            'O112',
            '004 四',
            'Refusing to disclose / falsifying → principal accountable',
            partial='Refusing to disclose feeds the unit ladder; falsification is not visible in a register.',
        ),
        Obligation(
            'O113',
            '004 五',
            'Disclosure rules and service commitments re-drafted and approved by county office before publication',
            not_checkable='A one-off approval: the county office approves the re-drafted rules and commitments once before publication; no register records it as a recurring duty.',
        ),
    )
}

# Judged by a command rather than a rule: the county's 信息报送 ranking (gov-audit evaluate).
EVALUATE_OBLIGATIONS = ("O015",)
