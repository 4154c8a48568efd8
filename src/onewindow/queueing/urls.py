from django.urls import path

from onewindow.queueing import views

app_name = "queueing"

urlpatterns = [
    path("<int:centre_id>/kiosk", views.kiosk, name="kiosk"),
    path("<int:centre_id>/kiosk/check-in", views.kiosk_check_in, name="kiosk_check_in"),
    path("<int:centre_id>/board", views.board, name="board"),
    path("<int:centre_id>/board/live", views.board_live, name="board_live"),
    path("ticket/<str:token>", views.ticket_page, name="ticket"),
    path("ticket/<str:token>/live", views.ticket_live, name="ticket_live"),
    path("appointment/<str:code>", views.appointment_page, name="appointment"),
]
