from django.urls import path

from onewindow.licences import views

app_name = "licences"

urlpatterns = [
    path("verify/<str:identifier>", views.licence_verify_page, name="verify"),
]
