from django.urls import path

from onewindow.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.board, name="board"),
    path("anomalies/", views.anomalies, name="anomalies"),
    path("attendance/", views.attendance, name="attendance"),
    path("attendance/check-in/", views.attendance_action, {"action": "check_in"}, name="check_in"),
    path("attendance/check-out/", views.attendance_action, {"action": "check_out"}, name="check_out"),
    path("assessment/", views.assessment, name="assessment"),
    path("duty/<str:key>/", views.duty, name="duty"),
]
