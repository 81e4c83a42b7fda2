"""Documents 发文 and normative documents 规范性文件: each issued document's disclosure
attribute, legal review, validity mark, interpretation and signature, and the clean-up
of normative documents every two years.

Clause: 002 (一)3 (the disclosure attribute and the legal review, decided with the draft),
(五)3 (published the day issued, marked with its validity; normative documents cleaned up
every 2 years, the results published), (七)1 and (七)4 (a policy document's interpretation
submitted with its draft and released with it); 003 文秘工作制度 1 (who signs).

Interpretation for the family: one row per issued document (发文登记), keyed by its 文号.
A document's issue date (印发日期) anchors it: a row dated after the as-of day is not
judged yet.  Cells that are blank are judged as not done; cells we cannot read are input
errors and keep the row out of the rules that need them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import register
from .base import Context, Example, Rule, deadline_findings, empty_findings, findings_from, first_present

DOCUMENT_EXAMPLE = {
    "文号": "清人口发〔2026〕12号",
    "标题": "关于做好流动人口服务管理工作的通知",
    "发文名义": "本局",
    "印发日期": "2026-06-10",
    "签发人": "郑建国（局长）",
    "规范性文件": "否",
    "法制审查日期": None,
    "公开属性": "主动公开",
    "不予公开理由": None,
    "公开日期": "2026-06-10",
    "有效性": "现行有效",
    "政策性文件": "否",
    "解读材料同步送审": None,
    "解读发布日期": None,
    "清理日期": None,
    "清理结果公开日期": None,
    "拟稿股室": "流动人口管理股",
}
PRINCIPAL = ("局长", "主任", "主要负责人", "书记")

# Problems a row can have, as codes in the finding's ``problem`` field → wording.
PROBLEMS = {
    "no_attribute": ("未标明公开属性（主动公开/依申请公开/不予公开）", "no disclosure attribute"),
    "no_reason": ("拟不公开但未说明理由", "withheld without a stated reason"),
    "no_review": ("规范性文件未经法制审查", "a normative document issued without legal review"),
    "late_review": ("法制审查晚于印发日期", "legal review dated after issue"),
    "no_validity": ("公开的文件未标注有效性", "published without its validity marked"),
    "no_interpretation": ("政策性文件未同步报送解读材料", "no interpretation submitted with the policy draft"),
    "unsigned": ("没有签发人", "no signatory"),
    "not_director": ("以本局名义印发，应由局长签发", "issued in the bureau's name: the director signs"),
    "not_leader": ("以股室名义印发，应由局分管领导签发", "issued in a section's name: a bureau leader signs"),
    "no_cleanup_publication": ("清理结果未向社会公布", "clean-up results not published"),
}


def _documents(ctx: Context, needs: tuple[str, ...]) -> pd.DataFrame:
    f = ctx.registers["documents"].valid(needs)
    return f[f["issued"].notna()]


def _text(s: pd.Series) -> pd.Series:
    return s.fillna("").astype(str).str.strip()


def _problem_findings(rule: Rule, sel: pd.DataFrame, problem, status="missing") -> pd.DataFrame:
    if sel.empty:
        return empty_findings()
    return findings_from(
        sel,
        rule,
        status=status,
        key=first_present(sel["doc_no"], sel["title"]),
        subject=first_present(sel["dept"], pd.Series("本局", index=sel.index)),
        dept=sel["dept"],
        start=sel["issued"],
        date=sel["issued"],
        fields={"problem": problem},
    )


class _DocumentRule(Rule):
    register = "documents"
    kind = "row"
    fields = {"problem": "text"}
    message_zh = "{key}（{start} 印发）：{problem_zh}"
    message_en = "{key} (issued {start}): {problem_en}"
    example_base = DOCUMENT_EXAMPLE

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        zh, en = PROBLEMS.get(str(f.get("x_problem") or ""), ("", ""))
        return {"problem_zh": zh, "problem_en": en}


@register
class DOC001(_DocumentRule):
    """A document without its disclosure attribute, or withheld without a reason. 公文未明确公开属性。

    Checks every issued document: its 公开属性 is one of 主动公开, 依申请公开, 不予公开;
    a 不予公开 document carries its reason (不予公开理由).

    Clause: 002 (一)3 “明确主动公开、依申请公开、不予公开等属性，随公文一同报批。拟不公开的，要依法依规
    说明理由”.

    Interpretation: a blank or unrecognised attribute is no attribute (the clause's three
    values are the only ones).  Defaults: none.
    """

    id = "DOC001"
    batched = True
    obligations = ("O031",)
    title_zh = "公文未明确公开属性或不予公开未说明理由"
    title_en = "Document without a disclosure attribute, or withheld without a reason"
    citation = "002 (一)3"
    needs = ("issued", "attribute")
    requires_columns = ("attribute",)
    examples = (
        Example("pass", ({},)),
        Example("pass", ({"公开属性": "不予公开", "不予公开理由": "涉及个人隐私", "公开日期": None},)),
        Example("fail", ({"公开属性": None},), expect=({"status": "missing", "says": "未标明公开属性"},)),
        Example(
            "fail",
            ({"公开属性": "不予公开", "公开日期": None},),
            expect=({"status": "missing", "says": "未说明理由"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _documents(ctx, self.needs)
        attr = _text(f["attribute"])
        known = attr.str.contains("主动|依申请|不予")
        no_reason = attr.str.contains("不予") & (_text(f["withheld_reason"]) == "")
        sel = f[~known | no_reason]
        return _problem_findings(self, sel, np.where(~known[sel.index], "no_attribute", "no_reason"))


@register
class DOC002(_DocumentRule):
    """A normative document issued without the legal section's review. 规范性文件未经法制审查。

    Checks every document marked 规范性文件 = 是: it has a 法制审查日期 on or before its
    印发日期.

    Clause: 002 (一)3 “拟制公文时，要明确是否属于规范性文件，并送委目标法制科审查”.

    Interpretation: the review belongs before issue; a review dated after the issue date
    is a late review, reported as such.  Defaults: none.
    """

    id = "DOC002"
    batched = True
    obligations = ("O031",)
    title_zh = "规范性文件未经法制审查即印发"
    title_en = "Normative document issued without legal review"
    citation = "002 (一)3"
    needs = ("issued", "normative", "legal_review")
    requires_columns = ("normative",)
    examples = (
        Example("pass", ({"规范性文件": "是", "法制审查日期": "2026-06-05"},)),
        Example("fail", ({"规范性文件": "是"},), expect=({"status": "missing", "says": "未经法制审查"},)),
        Example(
            "fail",
            ({"规范性文件": "是", "法制审查日期": "2026-06-12"},),
            expect=({"status": "violation", "says": "法制审查晚于印发日期"},),
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _documents(ctx, self.needs)
        f = f[f["normative"].fillna(False).astype(bool)]
        none = f["legal_review"].isna()
        late = ~none & (f["legal_review"] > f["issued"])
        sel = f[none | late]
        first = none[sel.index]
        return _problem_findings(
            self,
            sel,
            np.where(first, "no_review", "late_review"),
            status=np.where(first, "missing", "violation"),
        )


@register
class DOC003(_DocumentRule):
    """A published document not marked with its validity. 公开的文件未标注有效性。

    Checks every document with a 公开日期 (published): its 有效性 cell (现行有效, 失效,
    废止, 已修订 …) is filled.

    Clause: 002 (五)3 “所有注明可以公开发布的文件，要于印发当日在政府门户网站公开，并标注文件的有效性”.

    Interpretation: publishing on the day of issue is DIS002's (the disclosures register);
    this rule asks only for the validity mark.  Defaults: none.
    """

    id = "DOC003"
    batched = True
    obligations = ("O036",)
    title_zh = "公开发布的文件未标注有效性"
    title_en = "Published document without its validity marked"
    citation = "002 (五)3"
    needs = ("issued", "published")
    requires_columns = ("published", "validity")
    examples = (
        Example("pass", ({},)),
        Example("pass", ({"有效性": None, "公开日期": None, "公开属性": "依申请公开"},), "not published"),
        Example("fail", ({"有效性": None},), expect=({"status": "missing", "says": "未标注有效性"},)),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _documents(ctx, self.needs)
        sel = f[f["published"].notna() & (_text(f["validity"]) == "")]
        return _problem_findings(self, sel, "no_validity")


@register
class DOC004(_DocumentRule):
    """A policy document drafted without its interpretation. 政策性文件未同步报送解读材料。

    Checks every document marked 政策性文件 = 是: its 解读材料同步送审 is 是.

    Clause: 002 (七)1 “坚持政策文件与解读方案、解读材料同步组织、同步审签、同步部署，各科室拟制文件时，
    要将文件草案与解读方案、解读材料一并送审”.

    Interpretation: blank is not submitted (the office's own rule returns a draft without
    it).  Defaults: none.
    """

    id = "DOC004"
    batched = True
    obligations = ("O039",)
    title_zh = "政策性文件未同步报送解读方案和解读材料"
    title_en = "Policy document drafted without its interpretation"
    citation = "002 (七)1"
    needs = ("issued", "policy", "interpretation")
    requires_columns = ("policy", "interpretation")
    examples = (
        Example("pass", ({"政策性文件": "是", "解读材料同步送审": "是", "解读发布日期": "2026-06-10"},)),
        Example(
            "fail", ({"政策性文件": "是", "解读发布日期": "2026-06-10"},), expect=({"says": "未同步报送解读材料"},)
        ),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _documents(ctx, self.needs)
        f = f[f["policy"].fillna(False).astype(bool)]
        sel = f[~f["interpretation"].fillna(False).astype(bool)]
        return _problem_findings(self, sel, "no_interpretation")


@register
class DOC005(Rule):
    """A policy document's interpretation not released with it. 政策解读未与文件同步发布。

    Checks every published policy document (政策性文件 = 是 with a 公开日期): its
    解读发布日期 is the same day as the document's 公开日期.  Released later is late;
    not released and the day past, overdue.

    Clause: 002 (七)4 “文件公布时，相关解读材料与文件同步在政府网站和媒体发布”.

    Interpretation: “同步” is the same calendar day; an interpretation released before
    the document (a 吹风 briefing) is the “文件公布前” stage of the same clause and passes.
    Defaults: none.
    """

    id = "DOC005"
    batched = True
    obligations = ("O041",)
    title_zh = "政策解读材料未与文件同步发布"
    title_en = "Interpretation not released with its policy document"
    citation = "002 (七)4"
    register = "documents"
    kind = "deadline"
    needs = ("issued", "policy", "published", "interp_published")
    requires_columns = ("policy", "interp_published")
    message_zh = "{key} 的政策解读应与文件同日（{due}）发布{done_zh}"
    message_en = "the interpretation of {key} was due with the document on {due}{done_en}"
    example_base = {**DOCUMENT_EXAMPLE, "政策性文件": "是", "解读材料同步送审": "是"}
    examples = (
        Example("pass", ({"解读发布日期": "2026-06-10"},)),
        Example(
            "fail",
            ({"解读发布日期": "2026-06-15"},),
            expect=({"status": "late", "due": "2026-06-10", "late_by": "5 d"},),
        ),
        Example("fail", ({},), "never released", expect=({"status": "overdue", "due": "2026-06-10"},)),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _documents(ctx, self.needs)
        f = f[f["policy"].fillna(False).astype(bool) & f["published"].notna()]
        if f.empty:
            return empty_findings()
        done = f["interp_published"].where(f["interp_published"] > f["published"], f["published"])
        done = done.where(f["interp_published"].notna())
        return deadline_findings(
            ctx,
            self,
            f,
            start=f["issued"],
            due=f["published"],
            done=done,
            unit="d",
            key=first_present(f["doc_no"], f["title"]),
            subject=first_present(f["dept"], pd.Series("本局", index=f.index)),
            dept=f["dept"],
        )


@register
class DOC006(_DocumentRule):
    """A document not signed by the right leader. 公文签发人不符合权限。

    Checks every document with a 发文名义: issued in the bureau's name (本局) it is signed
    by the director — a 签发人 carrying one of ``principal_titles`` and no 副; issued in a
    section's name (股室) it is signed by a bureau leader — a 签发人 carrying one of
    ``leader_titles``.  No signatory at all is a finding too.

    Clause: 003 文秘工作制度 1 “凡以本局名義印發的文件……分管領導核稿，局長簽發……以各股（站、隊）名義
    印發的文件必須經局分管領導把關，按權限簽發”.

    Interpretation: the signatory is recognised by the title written with the name
    (“郑建国（局长）”), as MTG008 recognises the principal leader; documents drafted for the
    county (代县委县政府) are signed by the county and not judged.
    Defaults: principal_titles = ["局长", "主任", "主要负责人", "书记"],
    leader_titles = ["局长", "副局长", "分管领导", "局领导"].
    """

    id = "DOC006"
    batched = True
    obligations = ("O090",)
    title_zh = "公文未按权限签发"
    title_en = "Document not signed by the leader entitled to sign it"
    citation = "003 文秘工作制度 1"
    needs = ("issued", "issuer", "signer")
    requires_columns = ("issuer", "signer")
    params = {"principal_titles": list(PRINCIPAL), "leader_titles": ["局长", "副局长", "分管领导", "局领导"]}
    examples = (
        Example("pass", ({},)),
        Example("pass", ({"发文名义": "股室", "签发人": "刘晓梅（副局长）"},)),
        Example("fail", ({"签发人": "刘晓梅（副局长）"},), expect=({"status": "violation", "says": "应由局长签发"},)),
        Example("fail", ({"发文名义": "股室", "签发人": "王敏（股长）"},), expect=({"says": "应由局分管领导签发"},)),
        Example("fail", ({"签发人": None},), expect=({"status": "missing", "says": "没有签发人"},)),
    )

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _documents(ctx, self.needs)
        issuer, signer = _text(f["issuer"]), _text(f["signer"])
        bureau = issuer.str.contains("本局|局机关|局名义") | (issuer == "局")
        section = issuer.str.contains("股|站|队|科室") & ~bureau
        principal = signer.str.contains("|".join(ctx.params["principal_titles"])) & ~signer.str.contains("副")
        leader = signer.str.contains("|".join(ctx.params["leader_titles"]))
        unsigned = (bureau | section) & (signer == "")
        bad_bureau = bureau & ~unsigned & ~principal
        bad_section = section & ~unsigned & ~leader
        sel = f[unsigned | bad_bureau | bad_section]
        problem = np.select(
            [unsigned[sel.index], bad_bureau[sel.index]], ["unsigned", "not_director"], default="not_leader"
        )
        return _problem_findings(self, sel, problem, status=np.where(unsigned[sel.index], "missing", "violation"))


@register
class DOC007(Rule):
    """A normative document in force not cleaned up within 2 years, or its clean-up unpublished. 规范性文件未按期清理。

    Checks every normative document (规范性文件 = 是) still in force (有效性 not 失效 /
    废止): its last clean-up (清理日期, else its 印发日期) is due again ``years`` years
    later.  Not cleaned up by then is overdue (or late, when the clean-up came after
    the due day); a clean-up whose results were never published (清理结果公开日期 blank)
    is a finding of its own.

    Clause: 002 (五)3 “建立健全规范性文件定期清理制度，对规范性文件每隔2年清理一次，清理结果向社会公布”.

    Interpretation: “每隔2年” is a rolling limit per document: issued or last cleaned up in
    March 2024, it is due by March 2026.  A document the register marks 失效 or 废止 has
    left force and needs no further clean-up.
    Defaults: years = 2.
    """

    id = "DOC007"
    batched = True
    obligations = ("O037",)
    title_zh = "规范性文件超过2年未清理或清理结果未公布"
    title_en = "Normative document not cleaned up every 2 years, or results unpublished"
    citation = "002 (五)3"
    register = "documents"
    kind = "deadline"
    needs = ("issued", "normative", "cleaned", "cleanup_published")
    requires_columns = ("normative", "cleaned")
    params = {"years": 2}
    fields = {"problem": "text"}
    message_zh = "{key}：{problem_zh}"
    message_en = "{key}: {problem_en}"
    example_base = {**DOCUMENT_EXAMPLE, "印发日期": "2024-03-10", "规范性文件": "是", "法制审查日期": "2024-03-05"}
    examples = (
        Example("pass", ({"清理日期": "2026-02-20", "清理结果公开日期": "2026-02-27"},)),
        Example(
            "fail",
            ({},),
            "issued 2024-03-10, never cleaned up",
            expect=({"status": "overdue", "due": "2026-03-10"},),
        ),
        Example(
            "fail",
            ({"清理日期": "2026-02-20"},),
            "cleaned up, results not published",
            expect=({"status": "missing", "says": "清理结果未向社会公布"},),
        ),
        Example("pass", ({"有效性": "废止"},), "repealed: out of force"),
    )

    @classmethod
    def message_fields(cls, f: dict, lang: str) -> dict:
        problem = f.get("x_problem")
        if problem in PROBLEMS:
            zh, en = PROBLEMS[problem]
            return {"problem_zh": zh, "problem_en": en}
        done_zh = f"，{f['done']} 才清理" if f.get("done") else "，至今未清理"
        done_en = f", cleaned up only on {f['done']}" if f.get("done") else ", not cleaned up since"
        return {
            "problem_zh": f"上次 {f.get('start')}，应于 {f.get('due')} 前再次清理{done_zh}",
            "problem_en": f"last on {f.get('start')}, due again by {f.get('due')}{done_en}",
        }

    def check(self, ctx: Context) -> pd.DataFrame:
        f = _documents(ctx, self.needs)
        validity = _text(f["validity"])
        f = f[f["normative"].fillna(False).astype(bool) & ~validity.str.contains("失效|废止")]
        if f.empty:
            return empty_findings()
        key = first_present(f["doc_no"], f["title"])
        subject = first_present(f["dept"], pd.Series("目标法制科", index=f.index))
        # The stretch still running: from the last clean-up (or the issue) to the next.
        last = f["cleaned"].where(f["cleaned"].notna(), f["issued"])
        due = last + pd.DateOffset(years=int(ctx.params["years"]))
        overdue = deadline_findings(
            ctx,
            self,
            f,
            start=last,
            due=due,
            done=pd.Series(pd.NaT, index=f.index),
            unit="d",
            key=key,
            subject=subject,
            dept=f["dept"],
        )
        overdue = overdue[overdue["status"].isin(["overdue", "due_soon"])]
        # A clean-up more than ``years`` after the issue came late (the first stretch).
        late_rows = f[
            f["cleaned"].notna() & (f["cleaned"] > f["issued"] + pd.DateOffset(years=int(ctx.params["years"])))
        ]
        late = deadline_findings(
            ctx,
            self,
            late_rows,
            start=late_rows["issued"],
            due=late_rows["issued"] + pd.DateOffset(years=int(ctx.params["years"])),
            done=late_rows["cleaned"],
            unit="d",
            key=key,
            subject=subject,
            dept=f["dept"],
        )
        unpublished = f[f["cleaned"].notna() & f["cleanup_published"].isna()]
        missing = _problem_findings(self, unpublished, "no_cleanup_publication")
        parts = [p for p in (overdue, late, missing) if len(p)]
        return pd.concat(parts, ignore_index=True) if parts else empty_findings()
