"""Saved searches: a staff member's named view of the report list (issue 19, part 3).

What a back office keeps of one (as usdoj-crt/crt-portal's SavedSearch does):
a name, its owner, the list's query string, whether it is shared, and when.
The query holds only the list's own parameters (its filters, the search `q`
and the order `o`; reports.saved_searches.normalise): the page number and
admin's bookkeeping are dropped. A shared search is shared with one province
of its owner's scope; its colleagues there see it, each counting it in their
own scope. It is only ever a link to the list with that query string: the
list's own filters, scope and order do the rest.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NAME_LENGTH = 100
QUERY_LENGTH = 1000


class SavedSearch(models.Model):
    name = models.CharField(_("tên"), max_length=NAME_LENGTH)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lưu"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    query = models.CharField(
        _("bộ lọc"),
        max_length=QUERY_LENGTH,
        blank=True,
        help_text=_("Bộ lọc, tìm kiếm và thứ tự của danh sách phản ánh (phần sau dấu ?)."),
    )
    shared_with = models.ForeignKey(
        "advisories.Province",
        verbose_name=_("chia sẻ với tỉnh, thành phố"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống: chỉ người lưu thấy."),
    )
    created_at = models.DateTimeField(_("lưu lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("bộ lọc đã lưu")
        verbose_name_plural = _("bộ lọc đã lưu")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"], name="saved_search_unique_name_per_owner"
            ),
        ]

    def __str__(self):
        return self.name
