from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from luoshi.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("luoshi.web.auth_urls")),
    path("org/", include("luoshi.org.urls")),
    path("programs/", include("luoshi.plans.urls")),
    path("supervision/", include("luoshi.supervision.urls")),
    path("reports/", include("luoshi.reports.urls")),
    path("indicators/", include("luoshi.indicators.urls")),
    path("", include("luoshi.web.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
