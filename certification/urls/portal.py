from django.urls import path

from ..views import aftercare_portal, portal, renewal_portal

app_name = "portal"

urlpatterns = [
    path("", portal.dashboard, name="dashboard"),
    path("business/", portal.business_profile, name="business"),
    path("applications/new/", portal.start, name="start"),
    path("applications/<int:pk>/", portal.application, name="application"),
    path("applications/<int:pk>/self-assessment/", portal.self_assessment, name="self_assessment"),
    path("applications/<int:pk>/level/", portal.change_level, name="level"),
    path("applications/<int:pk>/documents/", portal.upload, name="upload"),
    path("applications/<int:pk>/documents/<int:document_pk>/delete/", portal.remove_document, name="remove_document"),
    path("applications/<int:pk>/transitions/<slug:name>/", portal.transition, name="transition"),
    path("applications/<int:pk>/renewal/", renewal_portal.renewal, name="renewal"),
    path("self-checks/<int:pk>/", aftercare_portal.self_check, name="self_check"),
    path("rectifications/<int:pk>/", aftercare_portal.rectification, name="rectification"),
]
