from django.urls import path

from onewindow.notices import views

app_name = "notices"

urlpatterns = [
    path("<int:pk>/download/", views.notice_download, name="download"),
]
