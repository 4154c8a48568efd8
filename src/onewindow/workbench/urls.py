"""Staff pages under /workbench/. Each role's area is a sub-package with its own urls.py; every URL
name stays in the one `workbench` namespace (e.g. workbench:counter, workbench:case_detail)."""

from django.urls import include, path

from onewindow.workbench import views

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("counter/", include("onewindow.workbench.counter.urls")),
    path("issuing/", include("onewindow.workbench.issuing.urls")),
    path("prereview/", include("onewindow.workbench.prereview.urls")),
    path("chief/", include("onewindow.workbench.chief.urls")),
    path("manager/", include("onewindow.workbench.manager.urls")),
    # The back office also owns the shared case page /workbench/cases/<number>/ and the task list.
    path("", include("onewindow.workbench.backoffice.urls")),
]
