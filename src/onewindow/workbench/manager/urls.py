from django.urls import path

from onewindow.workbench.manager import views

urlpatterns = [
    path("", views.manager, name="manager"),
    path("overview/", views.overview, name="manager_overview"),
]
