from django.urls import path

from carewatch.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("client/", views.client_report_view, name="client"),
    path("client/report.pdf", views.export_pdf_view, name="export-pdf"),
    path("client/report.csv", views.export_csv_view, name="export-csv"),
    path("client/cases/", views.cases_view, name="cases"),
]
