"""Strings of Wagtail and Django whose Dutch Raadsvolg corrects.

The admin addresses the user with "je", as Wagtail's Dutch catalogue mostly does, but
some strings of Wagtail and Django use "u", misspell "verwijderd", name Wagtail or are
not translated. The project catalogue comes first (LOCALE_PATHS), so its entries for
these msgids win. Nothing imports this module: it only marks the msgids so that
makemessages keeps them in locale/nl. The msgids must stay exactly the upstream ones
(tests/test_dutch_admin.py checks that they are translated with "je")."""

from django.utils.translation import gettext_noop, ngettext_lazy

WAGTAIL = [
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
    # The account page.
    gettext_noop("Enable custom keyboard shortcuts specific to Wagtail."),
    # The user form of the functional administrator (wagtail.users).
    gettext_noop("Leave blank if not changing."),
]

DJANGO = [
    # The password validators' help on the account page (AUTH_PASSWORD_VALIDATORS).
    gettext_noop("Your password can’t be too similar to your other personal information."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    # The new-password form of the password reset: Django's Dutch lacks this one.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    # Changing the password on the account page.
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    # The user form of the functional administrator.
    gettext_noop(
        "Designates whether this user should be treated as active. "
        "Unselect this instead of deleting accounts."
    ),
    # Form messages that Django REST framework's catalogue words otherwise ("Dit veld
    # is vereist."): an installed app's catalogue overrides Django's own, so the API's
    # library would reword every form of the admin. Pinned here to one wording.
    gettext_noop("This field is required."),
    gettext_noop("No file was submitted."),
    gettext_noop("Value must be valid JSON."),
]
