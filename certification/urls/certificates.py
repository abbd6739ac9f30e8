"""Certificate verification and PDF downloads (included at the site root)."""

from django.urls import path

from ..views import certificates

app_name = "certificates"
urlpatterns = [
    path("verify/", certificates.verify, name="verify"),
    path("v/<str:token>/", certificates.by_token, name="by_token"),
    path("v/<str:token>/pdf/", certificates.pdf_public, name="pdf_public"),
    path("certificates/<int:pk>/pdf/", certificates.pdf, name="pdf"),
]
