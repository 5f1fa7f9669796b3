"""Tables of the wording check: an organisation's own rules, switches of inherited rules, leaders'
tenures and the rule-set version the compiled matchers are cached under.

The shipped national rules are data files (``data/*.json``), read by ``shipped.py``; they are not
copied into the database, so an upgrade that corrects one takes effect at once and their keys
(``outdated:…``, ``typo:…``, ``format:…``) stay stable for stored findings.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel

from .states import RuleKind, Severity


class WordingRule(TimeStampedModel):
    """A term rule an organisation maintains; inherited by every organisation below it."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"),
                                     on_delete=models.CASCADE, related_name="wording_rules")
    kind = models.CharField(_("类别"), max_length=20, choices=RuleKind.choices)
    term = models.CharField(_("用语"), max_length=100)
    suggestion = models.CharField(_("建议改为"), max_length=100, blank=True)
    severity = models.CharField(_("严重程度"), max_length=10, choices=Severity.choices, default=Severity.MAJOR)
    source = models.CharField(_("依据"), max_length=200, blank=True)
    explanation = models.CharField(_("说明"), max_length=300, blank=True)
    valid_from = models.DateField(_("起始日期"), null=True, blank=True)
    valid_to = models.DateField(_("截止日期"), null=True, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("表述规则")
        verbose_name_plural = _("表述规则")
        ordering = ["kind", "term"]
        constraints = [models.UniqueConstraint(fields=["organisation", "kind", "term"], name="wording_rule_unique_term")]

    def __str__(self):
        return self.term

    @property
    def key(self) -> str:
        return f"db:{self.pk}"


class RuleSwitch(models.Model):
    """An organisation turns an inherited rule (shipped or an ancestor's) off, or back on."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"),
                                     on_delete=models.CASCADE, related_name="wording_switches")
    rule_key = models.CharField(_("规则"), max_length=60)
    enabled = models.BooleanField(_("启用"), default=False)
    reason = models.CharField(_("理由"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("规则停用设置")
        verbose_name_plural = _("规则停用设置")
        constraints = [models.UniqueConstraint(fields=["organisation", "rule_key"], name="wording_switch_unique")]


class Leader(TimeStampedModel):
    """A person whose name and post the check compares with the document's date."""

    organisation = models.ForeignKey("organisations.Organisation", verbose_name=_("机构"),
                                     on_delete=models.CASCADE, related_name="wording_leaders")
    name = models.CharField(_("姓名"), max_length=40)
    note = models.CharField(_("备注"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("领导")
        verbose_name_plural = _("领导")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tenure(TimeStampedModel):
    leader = models.ForeignKey(Leader, verbose_name=_("领导"), on_delete=models.CASCADE, related_name="tenures")
    post = models.CharField(_("职务"), max_length=40)
    start = models.DateField(_("任职起始"), null=True, blank=True)
    end = models.DateField(_("任职截止"), null=True, blank=True)

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        ordering = ["-start"]


class RuleSetVersion(models.Model):
    """One row; every rule, switch or tenure change raises it and draws a new token, so every process
    rebuilds its matcher (the token, unique per change, also tells a restored database apart)."""

    version = models.PositiveBigIntegerField(default=0)
    token = models.CharField(max_length=32, blank=True)
