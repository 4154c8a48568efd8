from django.urls import path

from onewindow.workbench.issuing import views

# Included under /workbench/issuing/ in the `workbench` namespace.
urlpatterns = [
    path("", views.issuing, name="issuing"),
    path("cases/<str:number>/", views.case_panel, name="issuing_case"),
    path("cases/<str:number>/issue/", views.issue, name="issuing_issue"),
    path("cases/<str:number>/deliver/", views.deliver, name="issuing_deliver"),
    path("cases/<str:number>/receipt/", views.mail_receipt, name="issuing_receipt"),
]
