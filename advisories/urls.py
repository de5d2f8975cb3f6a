from django.urls import path

from . import feeds, views

app_name = "advisories"

urlpatterns = [
    path("", views.advisory_list, name="list"),
    path("feed/", feeds.AdvisoryFeed(), name="feed"),
    path("feed/<slug:province>/", feeds.AdvisoryFeed(), name="province_feed"),
    path("verify/", views.verify, name="verify"),
    # Last: the admin form refuses the slugs "feed" and "verify" (forms.RESERVED_SLUGS).
    path("<slug:slug>/", views.advisory_detail, name="detail"),
]
