"""Admin pages: the entered years (read-only) and the import form that enters a year."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _, gettext_lazy

from gongkai.core.errors import ValidationFailed
from gongkai.organisations.permissions import Action, can_anywhere

from . import services
from .forms import HolidayYearImportForm
from .models import CalendarDay, HolidayYear


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    fields = ("date", "kind", "name")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "entered_by", "updated_at")
    fields = ("year", "source", "entered_by", "created_at", "updated_at")
    readonly_fields = fields
    inlines = [CalendarDayInline]

    def _allowed(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and can_anywhere(request.user, Action.CALENDAR_ADMIN)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    # Writes go through services.holiday_year_enter (audited, recomputes deadlines).
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="workdays_holidayyear_import"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:workdays_holidayyear_import")

    def import_view(self, request):
        """Show and handle the form that enters (or replaces) one year's arrangement."""
        if not self._allowed(request):
            raise PermissionDenied
        form = HolidayYearImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                holiday_year = services.holiday_year_enter(
                    year=data["year"], days=data["parsed_days"], source=data["source"],
                    actor=request.user, reason=data.get("reason", ""),
                )
            except ValidationFailed as exc:
                for problem in [exc.message, *exc.problems]:
                    form.add_error(None, problem)
            else:
                messages.success(request, _("%(year)s年节假日安排已录入，相关期限已重新计算。") % {"year": holiday_year.year})
                return redirect(reverse("admin:workdays_holidayyear_change", args=[holiday_year.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": gettext_lazy("录入年度节假日安排"),
        }
        return TemplateResponse(request, "admin/workdays/holidayyear/import.html", context)
