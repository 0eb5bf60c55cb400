"""Wagtail's own admin strings whose Dutch Raadsvolg corrects.

Wagtail's Dutch catalogue addresses the user with "je", as the admin of Raadsvolg
does, but a few of its strings use "u", misspell "verwijderd" or are not translated.
The project catalogue comes first (LOCALE_PATHS), so its entries for these msgids win.
Nothing imports this module: it only marks the msgids so that makemessages keeps
them in locale/nl (the msgids must stay exactly Wagtail's)."""

from django.utils.translation import gettext_noop, ngettext_lazy

CORRECTED = [
    # The delete page (wagtailadmin/generic/confirm_delete.html, shared/usage_summary.html).
    gettext_noop("Are you sure you want to delete this %(model_name)s?"),
    ngettext_lazy(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        "usage_count",
    ),
    gettext_noop("One or more references to this %(model_name)s prevent it from being deleted."),
    gettext_noop("Are you sure you want to unpublish this %(model_name)s?"),
    # Every admin page, without JavaScript: it names Wagtail and links to a third party.
    gettext_noop(
        "JavaScript is required to use Wagtail, but it is currently disabled.<br /> "
        'Here are the <a href="https://www.enable-javascript.com/" target="_blank" '
        'rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.'
    ),
    # The user form of the functional administrator (wagtail.users).
    gettext_noop("Leave blank if not changing."),
]
