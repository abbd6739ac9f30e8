from django.urls import path

from ..views import staff, staff_batches, staff_decisions

app_name = "staff"

urlpatterns = [
    path("", staff.worklist, name="worklist"),
    path("applications/<int:pk>/", staff.detail, name="application"),
    path("applications/<int:pk>/transitions/<slug:name>/", staff.transition, name="transition"),
    path("applications/<int:pk>/assign/", staff_decisions.assign, name="assign"),
    path("objections/<int:pk>/resolve/", staff_decisions.resolve_objection, name="resolve_objection"),
    path("notice/", staff_batches.notice_batch, name="notice_batch"),
    path("naming/", staff_batches.naming_batch, name="naming_batch"),
    path("feedback/", staff_decisions.feedback_list, name="feedback"),
    path("feedback/<int:pk>/close/", staff_decisions.close_feedback, name="close_feedback"),
]
