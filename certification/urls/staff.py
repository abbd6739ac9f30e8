from django.urls import path

from ..views import campaigns, rectifications, staff, staff_batches, staff_decisions

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
    path("feedback/", staff_decisions.feedback_list, name="feedback"),
    path("feedback/<int:pk>/close/", staff_decisions.close_feedback, name="close_feedback"),
]
