from django.urls import path

from onewindow.cases import views

app_name = "cases"

urlpatterns = [
    path("progress/<str:number>", views.progress, name="progress"),
]
