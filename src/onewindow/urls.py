from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from onewindow.api.root import api

admin.site.site_header = "一窗通办 · 管理后台"
admin.site.site_title = "一窗通办"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("notices/", include("onewindow.notices.urls")),
    path("queue/", include("onewindow.queueing.urls")),
    path("licences/", include("onewindow.licences.urls")),
    path("supervision/", include("onewindow.supervision.urls")),
    path("feedback/", include("onewindow.feedback.urls")),
    path("reports/", include("onewindow.reports.urls")),
    path("workbench/", include("onewindow.workbench.urls")),
    path("", include("onewindow.cases.urls")),
    # The citizen side (online service hall) owns the site root.
    path("", include("onewindow.portal.urls")),
]
