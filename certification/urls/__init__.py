from django.urls import include, path

from ..views import documents

urlpatterns = [
    path("portal/", include("certification.urls.portal")),
    path("staff/", include("certification.urls.staff")),
    path("documents/<int:pk>/", documents.download, name="document"),
]
