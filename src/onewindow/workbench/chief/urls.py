from django.urls import path

from onewindow.workbench.chief import views

urlpatterns = [
    path("", views.chief, name="chief"),
]
