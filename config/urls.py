from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certification import api
from certification.public_cache import public_cache

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("cms-documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls()),
    re_path(r"^api/(?P<rest>.*)$", api.unknown_path),
    path("", include("certification.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's pages (home, criteria, notices …) are served from the public cache for anonymous visitors;
# the CMS does not import the certification app, so the cache is put around Wagtail's view here.
wagtail_patterns = [pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"]
wagtail_patterns.append(re_path(wagtail_urls.serve_pattern, public_cache(wagtail_views.serve), name="wagtail_serve"))
urlpatterns += [path("", include(wagtail_patterns))]

handler404 = "certification.views.errors.page_not_found"
handler500 = "certification.views.errors.server_error"
handler403 = "certification.views.errors.permission_denied"
