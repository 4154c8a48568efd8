from django.urls import path

from onewindow.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("counters/", views.counters, name="counters"),
    path("monthly/", views.monthly, name="monthly"),
    path("monthly/<int:pk>/<str:kind>/", views.monthly_file, name="monthly_file"),
    path("open-data/statistics.json", views.open_data, {"fmt": "json"}, name="open_data_json"),
    path("open-data/statistics.csv", views.open_data, {"fmt": "csv"}, name="open_data_csv"),
]
