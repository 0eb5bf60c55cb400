"""Wagtail's document and image libraries, switched off.

Raadsvolg keeps its files on its own records (a letter on its advies, a document on its
adviesaanvraag, a logo on its letterhead), each behind a view that checks who may see
it. Wagtail's libraries are one pool for the whole installation, tied to no
municipality, and the document library serves its files at /documents/ to anyone. The
Wagtail admin cannot run without the two apps installed (its page template links their
admin API), so they stay installed, but everything they add to the admin goes: their
URLs (so /admin/documents/ and /admin/images/ answer 404), menu items, dashboard
counts, search areas, permission panels, rich-text features and choosers. What stays
is their admin API endpoint, which only lists what the (unreachable) libraries hold.
Their public URL (/documents/) is not in config/urls.py."""

import importlib

from wagtail import hooks

LIBRARY_HOOK_MODULES = ("wagtail.documents.wagtail_hooks", "wagtail.images.wagtail_hooks")
LIBRARY_PACKAGES = ("wagtail.documents.", "wagtail.images.")
# The Wagtail admin reverses the libraries' API URLs on every page; image operations
# only say how a rendition is made.
KEPT = {"construct_admin_api", "register_image_operations"}


def switch_off() -> None:
    """Remove the libraries' admin hooks. Called while Wagtail loads every app's
    wagtail_hooks module: importing theirs now registers their hooks once, and the
    search that follows finds the modules imported and does not register them again."""
    for module in LIBRARY_HOOK_MODULES:
        importlib.import_module(module)
    for name, registered in hooks._hooks.items():
        if name in KEPT:
            continue
        registered[:] = [
            (fn, order)
            for fn, order in registered
            if not getattr(fn, "__module__", "").startswith(LIBRARY_PACKAGES)
        ]
