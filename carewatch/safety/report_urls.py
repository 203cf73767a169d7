"""The safety proof reports, included by the project under ``/safety/reports/``. GET only."""

from django.urls import path

from carewatch.safety import report_views as views

app_name = "safety_reports"
urlpatterns = [
    path("reconciliation/", views.reconciliation_view, name="reconciliation"),
    path("reconciliation.csv", views.reconciliation_csv_view, name="reconciliation-csv"),
    path("reconciliation.pdf", views.reconciliation_pdf_view, name="reconciliation-pdf"),
    path("line-listing.csv", views.line_listing_view, name="line-listing"),
]
