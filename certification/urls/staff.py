from django.urls import path

from ..views import staff

app_name = "staff"

urlpatterns = [
    path("", staff.worklist, name="worklist"),
    path("applications/<int:pk>/", staff.detail, name="application"),
    path("applications/<int:pk>/transitions/<slug:name>/", staff.transition, name="transition"),
]
