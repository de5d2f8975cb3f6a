from django.urls import path

from . import feeds, views

app_name = "advisories"

urlpatterns = [
    path("", views.advisory_list, name="list"),
    path("feed/", feeds.AdvisoryFeed(), name="feed"),
    path("feed/<slug:province>/", feeds.AdvisoryFeed(), name="province_feed"),
    path("verify/", views.verify, name="verify"),
    # Last: a letter's slug is made by the portal and starts with its year, so it
    # never shadows "feed" or "verify" (Advisory.unique_slug).
    path("<slug:slug>/", views.advisory_detail, name="detail"),
    path("<slug:slug>/original/", views.advisory_original, name="original"),
]
