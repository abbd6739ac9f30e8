from django.urls import path

from ..views import (
    campaigns,
    complaints_import,
    complaints_staff,
    rectifications,
    staff,
    staff_batches,
    staff_decisions,
)

app_name = "staff"

urlpatterns = [
    path("", staff.worklist, name="worklist"),
    path("preferences/", staff.preferences, name="preferences"),
    path("applications/<int:pk>/", staff.detail, name="application"),
    path("applications/<int:pk>/transitions/<slug:name>/", staff.transition, name="transition"),
    path("applications/<int:pk>/assign/", staff_decisions.assign, name="assign"),
    path("objections/<int:pk>/resolve/", staff_decisions.resolve_objection, name="resolve_objection"),
    path("notice/", staff_batches.notice_batch, name="notice_batch"),
    path("naming/", staff_batches.naming_batch, name="naming_batch"),
    path("campaigns/", campaigns.campaign_list, name="campaigns"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/close/", campaigns.campaign_close, name="campaign_close"),
    path("campaign-units/<int:pk>/", campaigns.unit_detail, name="campaign_unit"),
    path("campaign-units/<int:pk>/inspectors/", campaigns.unit_assign, name="campaign_unit_assign"),
    path("rectifications/", rectifications.rectification_list, name="rectifications"),
    path("rectifications/new/", rectifications.new, name="rectification_new"),
    path("complaints/", complaints_staff.complaint_list, name="complaints"),
    path("complaints/new/", complaints_staff.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/", complaints_staff.complaint_detail, name="complaint"),
    path("complaints/<int:pk>/steps/<slug:name>/", complaints_staff.complaint_step, name="complaint_step"),
    path("complaints/import/", complaints_import.upload, name="complaint_import"),
    path("complaints/import/confirm/", complaints_import.confirm, name="complaint_import_confirm"),
    path("complaints/imports/<int:pk>/", complaints_import.report, name="complaint_import_report"),
    path("complaints/evidence/<int:pk>/", complaints_staff.evidence, name="complaint_evidence"),
]
