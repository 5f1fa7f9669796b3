from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel


class Level(models.TextChoices):
    MINISTRY = "ministry", _("部")
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县")
    TOWNSHIP = "township", _("乡镇")


class Role(models.TextChoices):
    DRAFTER = "drafter", _("业务股室")
    OFFICE = "office", _("政务公开办")
    SECRECY = "secrecy", _("保密审查")
    LEADER = "leader", _("分管负责人")
    # 政府信息公开工作机构负责人 (条例第三十三条第二款): approves extensions of the answer period.
    OFFICE_HEAD = "office_head", _("政府信息公开工作机构负责人")
    SUPERVISOR = "supervisor", _("上级督查")
    ADMIN = "admin", _("系统管理员")


class Organisation(TimeStampedModel):
    """An emergency-management department at one level of the tree (部 → 省 → 市 → 县 → 乡)."""

    code = models.SlugField(_("机构代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=120)
    level = models.CharField(_("层级"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级机构"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    # Materialised path of codes ("sx/jc/zz/") so subtree queries are one indexed prefix match.
    path = models.CharField(_("路径"), max_length=400, unique=True, editable=False)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    # Letters of disclosure requests (gongkai.foi.letters): the number pattern and the remedy clause.
    foi_letter_prefix = models.CharField(
        _("依申请公开文书文号前缀"), max_length=40, blank=True,
        help_text=_("例如“阳应急依申”；为空时使用机构名称。"))
    foi_letter_pattern = models.CharField(
        _("依申请公开文书文号格式"), max_length=80, blank=True,
        help_text=_("可用 {prefix}、{year}、{n}；为空时为“{prefix}〔{year}〕第{n}号”。"))
    review_body = models.CharField(
        _("行政复议机关"), max_length=120, blank=True,
        help_text=_("答复告知书救济条款中写明的行政复议机关，例如“阳城县人民政府”。"))

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        pattern = self.foi_letter_pattern
        if pattern:
            try:
                sample = pattern.format(prefix="", year=2026, n=987654321)
            except (KeyError, IndexError, ValueError):
                sample = None
            if sample is None or "987654321" not in sample:
                from django.core.exceptions import ValidationError

                raise ValidationError({"foi_letter_pattern": _("文号格式只能使用 {prefix}、{year}、{n}，且须包含序号 {n}。")})

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent_id else "") + self.code + "/"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:organisation", args=[self.code])

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def is_within(self, other: "Organisation") -> bool:
        """Return True when self is `other` or one of its descendants."""
        return self.path.startswith(other.path)

    def descendants(self, include_self: bool = False):
        qs = Organisation.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def ancestors(self):
        codes = self.path.strip("/").split("/")[:-1]
        return Organisation.objects.filter(code__in=codes).order_by("path")


class Unit(TimeStampedModel):
    """An internal unit (业务股室/处室) of an organisation."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("名称"), max_length=80)

    class Meta:
        verbose_name = _("内设股室")
        verbose_name_plural = _("内设股室")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name")]

    def __str__(self):
        return f"{self.organisation.name}·{self.name}"


class User(AbstractUser):
    display_name = models.CharField(_("显示名称"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.display_name or self.username


class RoleAssignment(TimeStampedModel):
    """A user's role in one organisation (a user may hold several)."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(Organisation, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=12, choices=Role.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("股室"), null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("角色分配")
        verbose_name_plural = _("角色分配")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="role_assignment_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"
