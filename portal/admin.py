"""Every ModelAdmin of the site is bounded (portal.admin_bounds), those of other apps too.

Imported by the admin's autodiscovery after the other apps' admin modules
(portal is the last of INSTALLED_APPS): auth's User and Group admins and
django-axes' get BoundedAdmin here; the project's own inherit it.
"""

from django.contrib import admin

from .admin_bounds import bound_every_admin

bound_every_admin(admin.site)
