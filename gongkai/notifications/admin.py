from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """The outbox, read-only: what was sent to whom, and why a message failed."""

    list_display = ("created_at", "channel", "kind", "recipient", "status", "attempts", "sent_at")
    list_filter = ("status", "channel", "kind")
    search_fields = ("recipient", "subject", "target_id")
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
