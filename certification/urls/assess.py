from django.urls import path

from ..views import assessor

app_name = "assess"

urlpatterns = [
    path("", assessor.assignments, name="list"),
    path("<int:pk>/", assessor.assignment, name="assignment"),
    path("<int:pk>/decline/", assessor.decline, name="decline"),
]
