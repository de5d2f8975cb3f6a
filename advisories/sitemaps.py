"""sitemap.xml: every published advisory, so search engines find the real letters."""

from django.contrib.sitemaps import Sitemap

from .models import Advisory


class AdvisorySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Advisory.objects.published().order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at
