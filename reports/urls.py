from django.urls import path

from . import api, views

app_name = "reports"

urlpatterns = [
    path("report/", views.report_form, name="form"),
    path("report/find", views.find_receipt, name="find"),
    path("report/<str:code>/", views.receipt, name="receipt"),
    path("report/<str:code>/withdraw", views.withdraw, name="withdraw"),
    path("lookup/", views.lookup, name="lookup"),
    path("statistics/", views.statistics, name="statistics"),
    path("api/v1/compose", api.compose_view, name="api-compose"),
    path("api/v1/provinces", api.provinces_view, name="api-provinces"),
    path("api/v1/lookup", api.lookup_view, name="api-lookup"),
    path("api/v1/reports", api.reports_view, name="api-reports"),
]
