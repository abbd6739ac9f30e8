from django.urls import include, path

urlpatterns = [
    path("portal/", include("certification.urls.portal")),
    path("staff/", include("certification.urls.staff")),
]
