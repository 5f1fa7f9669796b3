from django.contrib import admin

from .models import ScheduledJob


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    """The scheduled jobs' last outcome and next run (read-only; the scheduler writes them)."""

    list_display = ("name", "next_run_at", "last_finished_at", "last_ok", "runs", "lease_owner")
    readonly_fields = [f.name for f in ScheduledJob._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
