"""Atom feeds: how citizens and newsrooms "follow" advisories (no e-mail needed)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import markup
from .models import Advisory, Province

FEED_SIZE = 30


class AdvisoryFeed(Feed):
    feed_type = Atom1Feed
    language = "vi"

    def get_object(self, request, province=None):
        if province is None:
            return None
        # An old slug (ninh-thuan) follows its current unit (khanh-hoa).
        current = Province.resolve_slug(province)
        if current is None:
            raise Http404
        return current

    def title(self, obj):
        if obj is None:
            return _("Công văn cảnh báo lừa đảo")
        return _("Công văn cảnh báo lừa đảo: %(province)s") % {"province": obj.name}

    def subtitle(self, obj):
        return _("Công văn cảnh báo của các cơ quan nhà nước, mới nhất trước.")

    def link(self, obj):
        url = reverse("advisories:list")
        return f"{url}?province={obj.slug}" if obj else url

    def feed_url(self, obj):
        if obj is None:
            return reverse("advisories:feed")
        return reverse("advisories:province_feed", kwargs={"province": obj.slug})

    def items(self, obj):
        qs = Advisory.objects.published().select_related("issuer__province")
        if obj is not None:
            qs = qs.for_province(obj)
        return qs.order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        # Who wrote it first: most letters have no number, and "/STTTT-TTra"
        # means nothing in a reader's list.
        title = f"{item.issuer.name}: V/v {item.summary}"
        return f"{title} ({item.display_number})" if item.number else title

    def item_description(self, item):
        return Truncator(markup.plain(item.content)).chars(500)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return item.issuer.name

    def item_categories(self, item):
        return [item.issuer.province.name] if item.issuer.province else []
