from django.urls import path

from onewindow.workbench.counter import views

# Included under /workbench/counter/ in the `workbench` namespace.
urlpatterns = [
    path("", views.counter, name="counter"),
    path("items/", views.items, name="counter_items"),
    path("form/", views.intake_form, name="counter_form"),
    path("id-check/", views.id_check, name="counter_id_check"),
    path("intake/", views.intake, name="counter_intake"),
    path("today/", views.today, name="counter_today"),
    path("ticket/call/", views.call_next, name="counter_call_next"),
    path("ticket/<int:ticket_id>/serve/", views.ticket_serve, name="counter_ticket_serve"),
    path("cases/<str:number>/", views.case_page, name="counter_case"),
    path("cases/<str:number>/notices/", views.notices, name="counter_notices"),
    path("cases/<str:number>/supplement/", views.supplement, name="counter_supplement"),
]
