"""The citizen side (网上办事大厅) at the site root, namespace `portal`. Public pages (portal.public)
first; the account pages of portal.citizen after them (login, register, apply, my cases …)."""

from django.urls import include, path

from onewindow.portal.public import views_appointments, views_articles, views_guides, views_progress

app_name = "portal"

urlpatterns = [
    path("", views_guides.home, name="home"),
    path("guides/", views_guides.guides, name="guides"),
    path("guides/<str:code>/", views_guides.guide, name="guide"),
    path("guides/<str:code>/checklist", views_guides.guide_checklist, name="guide_checklist"),
    path("guides/<str:code>/guide.pdf", views_guides.guide_print, name="guide_pdf"),
    path("progress/", views_progress.progress, name="progress"),
    path("appointments/", views_appointments.book, name="appointments"),
    path("appointments/manage/", views_appointments.manage, name="appointment_manage"),
    path("appointments/<str:code>/", views_appointments.done, name="appointment_done"),
    path("articles/", views_articles.articles, name="articles"),
    path("articles/<int:pk>/", views_articles.article, name="article"),
    path("articles/<int:pk>/attachment", views_articles.article_attachment, name="article_attachment"),
    path("", include("onewindow.portal.citizen.urls")),
]
