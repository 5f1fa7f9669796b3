from django.contrib import admin

from .models import Consultation, DecisionCatalog, Meeting, Message, OpinionEvent


@admin.register(Consultation, DecisionCatalog, Meeting, Message, OpinionEvent)
class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: every change goes through the services (and so the workflow kernel and the audit)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
