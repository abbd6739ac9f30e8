"""The public directory of named units, statistics and open data (included at the site root)."""

from django.urls import path

from ..views import complaints_public, directory, opendata, statistics

app_name = "directory"
urlpatterns = [
    path("units/", directory.index, name="index"),
    path("units/revoked/", directory.revoked, name="revoked"),
    path("units/<int:pk>/", directory.unit, name="unit"),
    path("units/<int:pk>/complaint/", complaints_public.complaint, name="complaint"),
    path("units/<int:pk>/feedback/", complaints_public.feedback, name="feedback"),
    path("complaints/track/", complaints_public.track, name="complaint_track"),
    path("stats/", statistics.stats, name="stats"),
    path("opendata/", opendata.landing, name="opendata"),
    path("opendata/units.csv", opendata.units_csv, name="units_csv"),
    path("opendata/units.json", opendata.units_json, name="units_json"),
]
