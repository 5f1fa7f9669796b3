from django.contrib import admin

from .models import InterpretationQuota, LegalBasis, NegativeListEntry, RecordPolicy


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "active", "position")
    list_editable = ("active", "position")


@admin.register(InterpretationQuota)
class InterpretationQuotaAdmin(admin.ModelAdmin):
    list_display = ("from_year", "minimum_share", "source")


@admin.register(RecordPolicy)
class RecordPolicyAdmin(admin.ModelAdmin):
    list_display = ("organisation", "leader_approval", "review_all_attributes")


@admin.register(NegativeListEntry)
class NegativeListEntryAdmin(admin.ModelAdmin):
    list_display = ("organisation", "title", "legal_basis", "active")
    list_filter = ("active", "legal_basis")
