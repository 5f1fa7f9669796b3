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

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["path"]

    def __str__(self):
        return self.name

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
