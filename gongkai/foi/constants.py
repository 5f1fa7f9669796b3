"""Vocabularies of disclosure requests: applicant types, channels, outcomes and their legal basis.

The applicant columns and outcome rows are those of section 三 of the annual report
(国办公开办函〔2019〕60号 / 〔2021〕30号, FACTS.md §3, seed 004 三). Legal articles are those of
《中华人民共和国政府信息公开条例》(国务院令第711号), read at LawRefBook/Laws
行政法规/政府信息公开条例(2019-04-03).md (FACTS.md §1). The citation texts printed on reply
letters can be replaced per deployment with the setting FOI_LEGAL_BASIS_OVERRIDES
({"outcome.reason": "text"}), because a local office may cite its own rules as well.
"""
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

REGULATION = "《中华人民共和国政府信息公开条例》"


class ApplicantType(models.TextChoices):
    """The six applicant columns of the section 三 table."""

    NATURAL = "natural", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "public_welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


LEGAL_PERSON_TYPES = [t for t in ApplicantType if t != ApplicantType.NATURAL]


class Channel(models.TextChoices):
    """How the request reached the office; 第三十一条 fixes the date of receipt per channel."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    POST = "post", _("邮寄（需签收）")
    LETTER = "letter", _("平常信函")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


# Channel → (which date is the date of receipt, the words of 第三十一条).
RECEIPT_RULES = {
    Channel.IN_PERSON: ("submitted", "第三十一条第（一）项：当面提交的，以提交之日为收到申请之日"),
    Channel.POST: ("signed", "第三十一条第（二）项：以邮寄方式提交的，以行政机关签收之日为收到申请之日"),
    Channel.LETTER: ("confirmed", "第三十一条第（二）项：以平常信函等无需签收的邮寄方式提交的，"
                                  "于收到申请的当日与申请人确认，确认之日为收到申请之日"),
    Channel.FAX: ("confirmed", "第三十一条第（三）项：通过传真提交的，以双方确认之日为收到申请之日"),
    Channel.EMAIL: ("confirmed", "第三十一条第（三）项：通过互联网渠道（电子邮件）提交的，以双方确认之日为收到申请之日"),
    Channel.ONLINE: ("confirmed", "第三十一条第（三）项：通过互联网渠道提交的，以双方确认之日为收到申请之日"
                                  "（系统当即出具回执，提交即确认）"),
}


class IdentityDocument(models.TextChoices):
    ID_CARD = "id_card", _("居民身份证")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他有效身份证件")
    CREDIT_CODE = "credit_code", _("统一社会信用代码证明")


class InfoForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")


class Delivery(models.TextChoices):
    MAIL = "mail", _("邮寄")
    EMAIL = "email", _("电子邮件")
    COLLECT = "collect", _("当面领取")
    ONLINE = "online", _("网上获取")


class Outcome(models.TextChoices):
    """The six result groups of row 三 of the section 三 table."""

    DISCLOSED = "disclosed", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHELD = "withheld", _("不予公开")
    UNAVAILABLE = "unavailable", _("无法提供")
    NOT_PROCESSED = "not_processed", _("不予处理")
    OTHER = "other", _("其他处理")


@dataclass(frozen=True)
class Reason:
    """One row of section 三 of the annual report (or a letter variant of one), with its legal basis.

    This is the ONE definition of the reason vocabulary: the request form, the reply letters, the
    import (``aliases``), the section 三 table (``number`` gives the row numbering of the official
    format, "1." …) and the annual report all read it from here.
    """

    outcome: str
    code: str
    label: str  # the row label of the annual-report table
    basis: str  # the legal basis printed on the reply letter
    counted: bool = True  # False: a letter variant, not a row of its own in the report
    aliases: tuple[str, ...] = ()  # short words accepted by the import for this reason

    @property
    def key(self) -> str:
        return f"{self.outcome}.{self.code}"

    @property
    def number(self) -> int | None:
        """The row number within its outcome group in the official table (None for letter variants)."""
        if not self.counted:
            return None
        rows = [r for r in REASONS if r.outcome == self.outcome and r.counted]
        return rows.index(self) + 1

    @property
    def numbered_label(self) -> str:
        return f"{self.number}.{self.label}" if self.number else self.label


def _r(outcome, code, label, basis, counted=True, aliases=()):
    return Reason(outcome, code, label, basis, counted, tuple(aliases))


O = Outcome
# Every reason in report order. 予以公开 has two letter variants (第三十六条第一、二项) that the
# report counts in one row; 部分公开 names the ground of the withheld part (a 不予公开 or a 无法提供
# reason, PARTIAL_GROUNDS) and counts in its own row only.
REASONS: tuple[Reason, ...] = (
    _r(O.DISCLOSED, "proactive", "已主动公开", "第三十六条第（一）项", counted=False),
    _r(O.DISCLOSED, "provided", "可以公开", "第三十六条第（二）项", counted=False),
    _r(O.WITHHELD, "state_secret", "属于国家秘密", "第十四条", aliases=("国家秘密",)),
    _r(O.WITHHELD, "prohibited", "其他法律行政法规禁止公开", "第十四条", aliases=("禁止公开",)),
    _r(O.WITHHELD, "security", "危及“三安全一稳定”", "第十四条", aliases=("三安全一稳定",)),
    _r(O.WITHHELD, "third_party", "保护第三方合法权益", "第十五条", aliases=("第三方",)),
    _r(O.WITHHELD, "internal", "属于三类内部事务信息", "第十六条第一款", aliases=("内部事务",)),
    _r(O.WITHHELD, "process", "属于四类过程性信息", "第十六条第二款", aliases=("过程性",)),
    _r(O.WITHHELD, "enforcement", "属于行政执法案卷", "第十六条第二款", aliases=("行政执法案卷",)),
    _r(O.WITHHELD, "inquiry", "属于行政查询事项", "第三十六条第（七）项", aliases=("行政查询",)),
    _r(O.UNAVAILABLE, "not_held", "本机关不掌握相关政府信息", "第三十六条第（四）项、第（五）项", aliases=("不掌握",)),
    _r(O.UNAVAILABLE, "needs_creation", "没有现成信息需要另行制作", "第三十八条", aliases=("另行制作",)),
    _r(O.UNAVAILABLE, "still_unclear", "补正后申请内容仍不明确", "第三十条", aliases=("仍不明确",)),
    _r(O.NOT_PROCESSED, "petition", "信访举报投诉类申请", "第三十九条第一款", aliases=("信访",)),
    _r(O.NOT_PROCESSED, "repeat", "重复申请", "第三十六条第（六）项", aliases=("重复申请",)),
    _r(O.NOT_PROCESSED, "publication", "要求提供公开出版物", "第三十九条第二款", aliases=("公开出版物",)),
    _r(O.NOT_PROCESSED, "excessive", "无正当理由大量反复申请", "第三十五条", aliases=("大量反复",)),
    _r(O.NOT_PROCESSED, "confirmation", "要求行政机关确认或重新出具已获取信息",
       "第二条（所申请内容不是行政机关在履行行政管理职能过程中制作或者获取的政府信息）",
       aliases=("确认或重新出具",)),
    # The 2021 format splits 其他处理 into three rows (FACTS.md §3); the 2019 format sums them.
    _r(O.OTHER, "uncorrected", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "第三十条",
       aliases=("逾期不补正",)),
    _r(O.OTHER, "unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
       "第四十二条，《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", aliases=("逾期未缴费",)),
    _r(O.OTHER, "other", "其他", ""),
)
REASONS_BY_KEY = {r.key: r for r in REASONS}
# Outcomes whose reason is required. 予以公开 takes an optional letter variant; 部分公开 requires
# the ground of the withheld part (条例第三十七条 read with 第三十六条: the withheld part is withheld
# or unavailable for one of the reasons below).
REASON_REQUIRED = {O.PARTIAL, O.WITHHELD, O.UNAVAILABLE, O.NOT_PROCESSED, O.OTHER}
PARTIAL_GROUNDS: tuple[Reason, ...] = tuple(r for r in REASONS if r.outcome in (O.WITHHELD, O.UNAVAILABLE))
OUTCOME_BASIS = {
    O.DISCLOSED: "第三十六条第（二）项",
    O.PARTIAL: "第三十七条",
}


def reasons_for(outcome: str) -> list[Reason]:
    """Return the reasons an answer with `outcome` may give (for 部分公开: the grounds of the withheld part)."""
    if outcome == O.PARTIAL:
        return list(PARTIAL_GROUNDS)
    return [r for r in REASONS if r.outcome == outcome]


def find_reason(outcome: str, code: str) -> Reason | None:
    """Return the Reason an answer (outcome, code) gives, or None."""
    return next((r for r in reasons_for(outcome) if r.code == code), None) if code else None


def reason_choices() -> list[tuple[str, str]]:
    return [(r.key, f"{Outcome(r.outcome).label}：{r.label}") for r in REASONS]


def partial_ground_choices() -> list[tuple[str, str]]:
    return [(r.code, f"{Outcome(r.outcome).label}：{r.label}") for r in PARTIAL_GROUNDS]


def legal_basis(outcome: str, reason_code: str = "") -> str:
    """Return the article(s) of the regulation a reply with this outcome and reason cites."""
    key = f"{outcome}.{reason_code}" if reason_code else outcome
    overrides = getattr(settings, "FOI_LEGAL_BASIS_OVERRIDES", {}) or {}
    if key in overrides:
        return overrides[key]
    reason = REASONS_BY_KEY.get(key)
    article = reason.basis if reason else OUTCOME_BASIS.get(outcome, "")
    if outcome == O.PARTIAL:
        ground = find_reason(O.PARTIAL, reason_code)
        article = "第三十七条" + (f"、{ground.basis}" if ground else "")
    if not article:
        return ""
    if article.startswith("第") and "《" not in article.split("，")[0]:
        head, sep, tail = article.partition("，")
        return f"{REGULATION}{head}{sep}{tail}"
    return article


# Appeals (section 四 of the report).
class AppealKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER = "litigation_after", _("行政诉讼（复议后起诉）")


class AppealResult(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")
