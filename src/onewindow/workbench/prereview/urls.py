"""Online pre-review pages under /workbench/prereview/ (namespace `workbench`)."""

from django.urls import path

from onewindow.workbench.prereview import views

urlpatterns = [
    path("", views.queue, name="prereview"),
    path("<str:number>/", views.detail, name="prereview_case"),
    path("<str:number>/accept", views.accept, name="prereview_accept"),
    path("<str:number>/notice", views.notice, name="prereview_notice"),
    path("<str:number>/files/<int:pk>", views.attachment, name="prereview_file"),
]
