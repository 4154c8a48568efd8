"""The back office (mounted at /workbench/): the task list and the shared case page."""

from django.urls import path

from onewindow.workbench import views as home_views
from onewindow.workbench.backoffice import views

urlpatterns = [
    path("tasks/", views.tasks, name="tasks"),
    path("cases/<str:number>/", views.case_detail, name="case_detail"),
    path("cases/<str:number>/actions/<slug:action>/", views.case_action, name="case_action"),
    # The home page's inbox lives here because workbench/urls.py includes this module at the root.
    path("inbox/<int:pk>/read/", home_views.inbox_read, name="inbox_read"),
]
