"""When a public answer of a municipality changes: its generation.

Every cached public answer (operations/public_cache.py) remembers the generation of its
municipality it was made in; a change to anything the public site, the feeds or the API
shows gives the municipality a new generation, so all its cached answers are stale at
once. A generation is a random token with the moment of the change, kept in the shared
cache; the moment is also written to `Municipality.public_changed_at`, so that
Last-Modified survives an emptied cache. A token is never derived from that moment: a
token lost from the cache is replaced by a new one, so an answer made before cannot
come back to life.

Changes are found by signals (post_save, post_delete, m2m_changed, Wagtail's page
signals) on the models below; the few places that write past the signals (a queryset
`update()`, a bulk insert) call `public_changed()` themselves."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

ALL = "all"
# Models of these apps may be on a public answer; any other model is never looked at.
PUBLIC_APPS = {"governance", "motions", "commitments", "advice", "wagtailcore"}
# Models of those apps that no public answer shows: users' roles and notifications,
# the audit log, number counters, import files.
PRIVATE_MODELS = {
    "governance.role",
    "governance.sentreminder",
    "governance.notification",
    "governance.notificationoptout",
    "governance.calendartoken",
    "governance.auditevent",
    "governance.numbersequence",
    "motions.motionimport",
    "advice.adviceversion",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.grouppagepermission",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
}
# The parent a child record belongs to, for records without a municipality of their own.
PARENTS = ("motion", "advice", "vote", "point", "request")


@dataclass(frozen=True)
class Generation:
    """A municipality's generation: a token, and when the change that made it was."""

    token: str
    changed_at: datetime


def cache_key(municipality_id: int) -> str:
    return f"raadsvolg:public:generation:{municipality_id}"


def generation(municipality_id: int, municipality=None) -> Generation:
    """The current generation; after an emptied cache a new token with the moment from
    the database (from `municipality` when the caller has it, else one query)."""
    found = cache.get(cache_key(municipality_id))
    if found is not None:
        return found
    if municipality is None:
        from .models import Municipality

        changed = (
            Municipality.objects.filter(pk=municipality_id)
            .values_list("public_changed_at", flat=True)
            .first()
        )
    else:
        changed = municipality.public_changed_at
    # add(), not set(): of two processes that both missed, the first one's token holds.
    cache.add(cache_key(municipality_id), Generation(uuid.uuid4().hex, changed), None)
    return cache.get(cache_key(municipality_id)) or Generation("", changed)


def public_changed(municipality_ids=ALL) -> None:
    """Something public of these municipalities (ALL: of every one) changed.

    The moment is written in the caller's transaction. The cache gets a new token at
    once (so this request's and the tests' next answer is fresh) and again after the
    commit: an answer another request made between the two from the data as it was
    before the commit carries the first token, so it is never served."""
    from .models import Municipality

    changed_at = timezone.now()
    rows = Municipality.objects.all()
    if municipality_ids != ALL:
        rows = rows.filter(pk__in=set(municipality_ids))
    ids = list(rows.values_list("pk", flat=True)) if municipality_ids == ALL else municipality_ids
    ids = [pk for pk in set(ids) if pk is not None]
    if not ids:
        return
    rows.update(public_changed_at=changed_at)  # an update: no signal, no history row
    renew(ids, changed_at)
    transaction.on_commit(lambda: renew(ids, changed_at))


def renew(ids, changed_at) -> None:
    cache.set_many({cache_key(pk): Generation(uuid.uuid4().hex, changed_at) for pk in ids}, None)


def municipalities_of(instance):
    """The ids of the municipalities whose public answers may show `instance`, ALL, or
    None when no public answer shows it."""
    from wagtail.models import Page, Site

    from .models import AdvisoryCouncil, EqualisedDay, Municipality
    from .pages import PublicSiteSettings

    meta = instance._meta
    if meta.app_label not in PUBLIC_APPS and not isinstance(instance, (Site, Page)):
        return None
    if meta.label_lower in PRIVATE_MODELS or meta.model_name.startswith("historical"):
        return None
    if isinstance(instance, Municipality):
        return {instance.pk}
    if isinstance(instance, (Site, EqualisedDay)):
        # Which host shows which municipality, or a holiday every deadline counts with.
        return ALL
    if isinstance(instance, Page):
        return of_page(instance)
    if isinstance(instance, PublicSiteSettings):
        return of_site(instance.site_id)
    if isinstance(instance, AdvisoryCouncil):
        return set(instance.municipalities.values_list("pk", flat=True)) if instance.pk else None
    return of_record(instance)


def of_record(instance):
    if "municipality_id" in instance.__dict__:
        return {instance.municipality_id}
    for name in PARENTS:
        if hasattr(type(instance), name):
            try:
                return of_record(getattr(instance, name))
            except ObjectDoesNotExist:  # the parent was deleted first; it said so itself
                return None
    return None


def of_page(page):
    """The municipality of the site whose tree holds the page; ALL for a page outside
    every site's tree (it may be about to move into one)."""
    from wagtail.models import Site

    for site in Site.objects.select_related("root_page"):
        if page.path.startswith(site.root_page.path):
            return of_site(site.pk)
    return ALL


def of_site(site_id):
    from .models import Municipality

    return set(Municipality.objects.filter(site_id=site_id).values_list("pk", flat=True))


def on_change(sender, instance, **kwargs):
    # Not for loading fixtures, nor for a migration's historical models: before this
    # app's migration 0018 the column is not there yet (migrate renews all afterwards).
    if kwargs.get("raw") or type(instance).__module__ == "__fake__":
        return
    found = municipalities_of(instance)
    if found:
        public_changed(found)


def on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        on_change(sender, instance)


def on_page_moved(sender, instance, **kwargs):
    public_changed(ALL)  # from one site's tree to another's


def connect() -> None:
    """Called once from GovernanceConfig.ready()."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(on_change, dispatch_uid="raadsvolg_public_save")
    post_delete.connect(on_change, dispatch_uid="raadsvolg_public_delete")
    m2m_changed.connect(on_m2m_change, dispatch_uid="raadsvolg_public_m2m")
    page_published.connect(on_change, dispatch_uid="raadsvolg_public_page_published")
    page_unpublished.connect(on_change, dispatch_uid="raadsvolg_public_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="raadsvolg_public_page_moved")
