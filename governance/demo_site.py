"""Demo data of the public face: a logo on Dijkhoven's letterhead (Lindeburg has none,
so its header shows the name only) and a toegankelijkheidsverklaring on each site,
named in the site's settings so every footer links to it. Idempotent, as all demo data."""

import io

from django.core.files.base import ContentFile

from .models import Letterhead
from .pages import ContentPage, PublicSiteSettings

STATEMENT_SLUG = "toegankelijkheidsverklaring"


def load_public_face(municipalities) -> None:
    dijkhoven = municipalities.get("Dijkhoven")
    if dijkhoven is not None:
        load_logo(dijkhoven)
    for municipality in municipalities.values():
        if municipality.site_id:
            load_accessibility_statement(municipality)


def load_logo(municipality) -> None:
    letterhead = Letterhead.objects.filter(municipality=municipality).first()
    if letterhead is None or letterhead.logo:
        return
    letterhead.logo.save("dijkhoven-logo.png", ContentFile(demo_logo(letterhead.theme_color)))


def demo_logo(colour: str) -> bytes:
    """A plain coat of arms in the house colour: a shield with a dike and water."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (160, 192), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(8, 8), (152, 8), (152, 110), (80, 184), (8, 110)], fill=colour)
    draw.rectangle([28, 70, 132, 88], fill="#ffffff")
    for top in (100, 118):
        draw.line([(36, top), (60, top - 8), (84, top), (108, top - 8), (124, top)], "#ffffff", 6)
    draw.ellipse([62, 24, 98, 60], fill="#ffdd00")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def load_accessibility_statement(municipality) -> None:
    site = municipality.site
    home = site.root_page.specific
    page = ContentPage.objects.child_of(home).filter(slug=STATEMENT_SLUG).first()
    if page is None:
        page = ContentPage(
            title="Toegankelijkheidsverklaring",
            slug=STATEMENT_SLUG,
            body=statement(municipality.name),
        )
        home.add_child(instance=page)
    settings = PublicSiteSettings.for_site(site)
    if settings.accessibility_page_id is None:
        settings.accessibility_page = page
        settings.save()


def statement(name: str) -> str:
    """A toegankelijkheidsverklaring after the model of digitoegankelijk.nl."""
    return (
        f"<p>De gemeente {name} wil dat iedereen deze website kan gebruiken: ook mensen "
        "die slecht zien, doof zijn, alleen een toetsenbord gebruiken of een voorleesprogramma. "
        "Daarom volgt deze website de eisen van het Besluit digitale toegankelijkheid "
        "overheid: de Europese norm EN 301 549, die gelijk is aan de WCAG 2.1 op niveau AA.</p>"
        "<h2>Hoe toegankelijk is deze website?</h2>"
        "<p>Deze website voldoet volgens ons eigen onderzoek aan de eisen. Elke pagina wordt "
        "bij elke wijziging automatisch getoetst met axe-core, op een breed scherm en op een "
        "telefoon, en met alleen een toetsenbord bediend. Een onafhankelijk onderzoek door "
        "een deskundige partij is nog niet gedaan; de status is daarom "
        "<b>gedeeltelijk voldaan</b> tot dat onderzoek is afgerond.</p>"
        "<h2>Wat kunt u hier doen?</h2>"
        "<ul><li>Moties, toezeggingen en adviezen lezen en filteren, zonder JavaScript.</li>"
        "<li>De gegevens volgen via RSS, Atom en een agenda-abonnement.</li>"
        "<li>De tekst vergroten tot 200 procent zonder dat er iets wegvalt.</li></ul>"
        "<h2>Documenten</h2>"
        "<p>Brieven staan hier als PDF. Raadsvolg maakt ze zelf, als toegankelijke PDF "
        "(PDF/UA) met een opbouw die voorleesprogramma's kunnen volgen.</p>"
        "<h2>Iets niet in orde?</h2>"
        "<p>Kunt u iets op deze website niet lezen of gebruiken? Laat het de griffie "
        f"van de gemeente {name} weten. U krijgt binnen vijf werkdagen antwoord en binnen "
        "twee weken een oplossing of een uitleg. Bent u niet tevreden over het antwoord, "
        "dan kunt u contact opnemen met de Nationale ombudsman.</p>"
    )
