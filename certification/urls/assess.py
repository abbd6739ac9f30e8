from django.urls import path

from ..views import assessor, inspections

app_name = "assess"

urlpatterns = [
    path("", assessor.assignments, name="list"),
    path("<int:pk>/", assessor.assignment, name="assignment"),
    path("<int:pk>/decline/", assessor.decline, name="decline"),
    path("inspections/<int:pk>/", inspections.inspection, name="inspection"),
    path("inspections/<int:pk>/decline/", inspections.decline, name="inspection_decline"),
]
