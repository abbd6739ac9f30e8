from django.urls import include, path

from ..views import documents, objections

urlpatterns = [
    path("portal/", include("certification.urls.portal")),
    path("staff/", include("certification.urls.staff")),
    path("assess/", include("certification.urls.assess")),
    path("documents/<int:pk>/", documents.download, name="document"),
    path("documents/<int:pk>/preview/", documents.preview, name="document_preview"),
    path("notices/objection/<int:pk>/", objections.objection, name="objection"),
    path("", include("certification.urls.directory")),
    path("", include("certification.urls.certificates")),
]
