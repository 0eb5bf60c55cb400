"""Helpers for driving the Wagtail admin as a user would."""

from django.test import Client


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def is_refused(response) -> bool:
    """Refused: not found, forbidden, or sent back to the admin home with an error."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response.url in ("/admin/", "/admin")


def motion_form_data(town, **overrides) -> dict:
    """A complete, valid POST of the motie form for a municipality's records."""
    data = {
        "municipality": town.municipality.pk,
        "number": "M2026-100",
        "title": "Warme maaltijd voor ouderen",
        "meeting": town.meeting.pk,
        "kind": "agenda_item",
        "agenda_item": "",
        "recitals": "constaterende dat …;",
        "operative_text": "verzoekt het college …,",
        "portfolio": town.portfolio.pk,
        "deadline": "",
        "deadline_unknown_reason": "",
        "change_reason": "",
        "submitters-TOTAL_FORMS": "1",
        "submitters-INITIAL_FORMS": "0",
        "submitters-MIN_NUM_FORMS": "1",
        "submitters-MAX_NUM_FORMS": "1000",
        "submitters-0-person": town.person.pk,
        "submitters-0-party": "",
        "submitters-0-id": "",
        "submitters-0-ORDER": "1",
        "submitters-0-DELETE": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def edit_form_data(motion, town, **overrides) -> dict:
    """The edit form of an existing motie as it stands, with overrides."""
    submitter = motion.submitters.first()
    data = motion_form_data(
        town,
        number=motion.number,
        title=motion.title,
        meeting=motion.meeting_id,
        recitals=motion.recitals,
        operative_text=motion.operative_text,
        portfolio=motion.portfolio_id or "",
        deadline=motion.deadline.isoformat() if motion.deadline else "",
        deadline_unknown_reason=motion.deadline_unknown_reason,
        **{
            "submitters-INITIAL_FORMS": "1" if submitter else "0",
            "submitters-0-id": submitter.pk if submitter else "",
            "submitters-0-person": submitter.person_id if submitter else town.person.pk,
        },
    )
    data.update(overrides)
    return data
