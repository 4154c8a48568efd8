from django.urls import path

from onewindow.feedback import views, views_staff

app_name = "feedback"

urlpatterns = [
    # citizen side
    path("window/<int:window_id>/", views.window_evaluator, name="window"),
    path("evaluate/case/<str:number>/", views.evaluate_case, name="evaluate_case"),
    path("e/<str:token>/", views.evaluate_token, name="evaluate_token"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("cannot-do/new/", views.cannot_do_new, name="cannot_do_new"),
    path("complaints/<str:reference>/", views.complaint_status, name="complaint_status"),
    # staff side
    path("staff/loops/", views_staff.loops, name="staff_loops"),
    path("staff/loops/<str:kind>/<int:pk>/", views_staff.loop_detail, name="staff_loop"),
    path("staff/loops/<str:kind>/<int:pk>/<str:action>/", views_staff.loop_action, name="staff_loop_action"),
    path("staff/hotline/", views_staff.hotline_new, name="staff_hotline"),
    path("staff/complaints/new/", views_staff.counter_complaint_new, name="staff_complaint_new"),
]
