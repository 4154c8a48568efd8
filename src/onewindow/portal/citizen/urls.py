"""URLs of the citizen account pages, included by portal/urls.py at "" (namespace `portal`)."""

from django.urls import path

from onewindow.portal.citizen import views_apply, views_auth, views_cases

urlpatterns = [
    path("account/login/", views_auth.login_view, name="login"),
    path("account/logout/", views_auth.logout_view, name="logout"),
    path("account/register/", views_auth.register, name="register"),
    path("account/sms-code/", views_auth.sms_send, name="sms_send"),
    path("account/organisations/", views_auth.organisations, name="org"),
    path("apply/<str:code>/", views_apply.apply, name="apply"),
    path("my/cases/", views_cases.my_cases, name="my_cases"),
    path("my/cases/<str:number>/", views_cases.my_case, name="my_case"),
    path("my/cases/<str:number>/upload", views_apply.upload, name="case_upload"),
    path("my/cases/<str:number>/submit", views_apply.submit, name="case_submit"),
    path("my/cases/<str:number>/resubmit", views_apply.resubmit, name="case_resubmit"),
    path("my/cases/<str:number>/withdraw", views_apply.withdraw, name="case_withdraw"),
    path("my/cases/<str:number>/delivery", views_apply.delivery, name="case_delivery"),
    path("my/cases/<str:number>/notices/<int:pk>.pdf", views_cases.notice_download, name="notice_download"),
    path("my/cases/<str:number>/licences/<int:pk>.pdf", views_cases.licence_download,
         name="licence_download"),
    path("my/cases/<str:number>/files/<int:pk>", views_cases.attachment_download,
         name="attachment_download"),
]
