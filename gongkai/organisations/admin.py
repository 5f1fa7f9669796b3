from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import effects
from gongkai.core.errors import ValidationFailed

from . import services
from .models import Organisation, RoleAssignment, Unit, User
from .validators import credit_code_problem, normalise_credit_code


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = "__all__"

    def clean_credit_code(self):
        value = normalise_credit_code(self.cleaned_data.get("credit_code", ""))
        if value:
            problem = credit_code_problem(value)
            if problem:
                raise forms.ValidationError(problem)
        return value


class MoveForm(forms.Form):
    new_parent = forms.ModelChoiceField(label=gettext_lazy("新的上级机构"), queryset=Organisation.objects.all(),
                                        required=False, empty_label=gettext_lazy("（无上级：顶层机构）"))
    new_code = forms.SlugField(label=gettext_lazy("机构代码"), max_length=40)
    reason = forms.CharField(label=gettext_lazy("调整理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ("name", "code", "level", "parent", "move_link")
    list_filter = ("level",)
    search_fields = ("name", "code")
    inlines = [UnitInline]

    # An admin edit is not an audited service call: it tells the one side-effect path itself that a
    # public model changed (core.effects.touch; the public pages get a new generation after commit).
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        effects.touch(obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        effects.touch(Organisation)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        effects.touch(Organisation)

    def get_readonly_fields(self, request, obj=None):
        # Code and parent define the path of the whole subtree: they change only through
        # services.organisation_move (the "调整" page), which rewrites every descendant's path.
        return ("code", "parent") if obj is not None else ()

    @admin.display(description=gettext_lazy("调整代码或上级"))
    def move_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:organisations_organisation_move", args=[obj.pk]),
                           _("调整"))

    def get_urls(self):
        return [path("<int:pk>/move/", self.admin_site.admin_view(self.move_view),
                     name="organisations_organisation_move")] + super().get_urls()

    def move_view(self, request, pk):
        org = get_object_or_404(Organisation, pk=pk)
        if not self.has_change_permission(request, org):
            raise PermissionDenied
        form = MoveForm(request.POST or None, initial={"new_parent": org.parent_id, "new_code": org.code})
        if request.method == "POST" and form.is_valid():
            try:
                services.organisation_move(
                    organisation=org, actor=request.user, new_parent=form.cleaned_data["new_parent"],
                    new_code=form.cleaned_data["new_code"], reason=form.cleaned_data["reason"],
                    trusted=request.user.is_superuser,
                )
            except ValidationFailed as exc:
                for problem in exc.problems or [exc.message]:
                    form.add_error(None, problem)
            else:
                messages.success(request, _("已调整机构，并更新了全部下级机构的层级路径。"))
                return redirect("admin:organisations_organisation_change", org.pk)
        context = {**self.admin_site.each_context(request), "title": _("调整机构代码或上级机构：%(name)s") % {"name": org.name},
                   "form": form, "original": org, "opts": self.model._meta}
        return TemplateResponse(request, "admin/organisations/move.html", context)


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((None, {"fields": ("display_name",)}),)
    list_display = ("username", "display_name", "is_active")
    inlines = [RoleInline]
