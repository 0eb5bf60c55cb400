"""How letters address people: the name on the address block ("De heer B. Rikhof") and
the aanhef ("Geachte heer Rikhof,"), from a name kept in parts.

Dutch letters write the tussenvoegsel in lower case after initials ("A. van Dijk") and
with a capital where the surname opens the name ("mevrouw Van Dijk"); titles such as
"drs." belong on the address block, not in the aanhef. A gender-neutral form addresses
a person by initials and surname ("Geachte A. van Dijk,"), as the Rijksoverheid's
writing guidance does. `parse_name` reads the free text the older records hold."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext


class Salutation(models.TextChoices):
    """How a person is addressed."""

    mr = "mr", gettext_lazy("Mr (de heer)")
    mrs = "mrs", gettext_lazy("Ms (mevrouw)")
    neutral = "neutral", gettext_lazy("Gender-neutral (initials and surname)")


TITLES = ("prof.", "dr.", "drs.", "mr.", "ir.", "ing.", "bc.", "ds.", "dr.ir.", "mr.drs.")
INFIXES = (
    "van der",
    "van den",
    "van de",
    "van 't",
    "in 't",
    "in de",
    "op de",
    "op den",
    "uit de",
    "uit den",
    "van",
    "de",
    "den",
    "der",
    "het",
    "'t",
    "te",
    "ter",
    "ten",
    "la",
    "le",
    "du",
    "d'",
)
PREFIXES = {
    "de heer": Salutation.mr,
    "heer": Salutation.mr,
    "dhr.": Salutation.mr,
    "dhr": Salutation.mr,
    "meneer": Salutation.mr,
    "mevrouw": Salutation.mrs,
    "mevr.": Salutation.mrs,
    "mevr": Salutation.mrs,
    "mw.": Salutation.mrs,
    "mw": Salutation.mrs,
}
# Initials in free text: "B." or "Th." or, without dots, one capital ("Dhr B Rikhof").
INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.|[A-Z])+$")
# What the initials field accepts: up to four letters ("AJM"), or initials each ending in
# a dot ("A.J.M.", "Th. J.").
INITIALS_FIELD = re.compile(r"^(?:[A-Za-zÀ-ÿ]{1,4}|(?:[A-ZÀ-Ý][a-z]?\.[\s-]?)+)$")


@dataclass(frozen=True)
class PersonName:
    """A person's name in the parts letters need."""

    salutation: str = Salutation.neutral
    title: str = ""
    initials: str = ""
    infix: str = ""
    surname: str = ""

    def __bool__(self):
        return bool(self.surname.strip())

    def __str__(self):
        return self.address_line()

    def address_line(self, *, opening: bool = True) -> str:
        """The name on the address block: "De heer B. Rikhof", "Mevrouw drs. A. van Dijk";
        within a line ("t.a.v. de heer …") with `opening=False`."""
        words = [self.title, tidy_initials(self.initials), self.infix.lower(), self.surname]
        name = " ".join(word for word in words if word)
        if self.salutation == Salutation.mr:
            line = _("Mr %(name)s") % {"name": name}
        elif self.salutation == Salutation.mrs:
            line = _("Ms %(name)s") % {"name": name}
        else:  # initials or a title open the name: only capitalised at a line's start
            return name[:1].upper() + name[1:] if opening else name
        return line if opening else line[:1].lower() + line[1:]

    def salutation_line(self) -> str:
        """The aanhef: "Geachte heer Rikhof,", "Geachte mevrouw De Boer,", "Geachte A. van
        Dijk,"."""
        if self.salutation == Salutation.neutral:
            words = [tidy_initials(self.initials), self.infix.lower(), self.surname]
            name = " ".join(word for word in words if word)
            return pgettext("letter", "Dear %(name)s,") % {"name": name}
        infix = self.infix[:1].upper() + self.infix[1:].lower() if self.infix else ""
        surname = " ".join(word for word in (infix, self.surname) if word)
        if self.salutation == Salutation.mr:
            return pgettext("letter", "Dear Mr %(surname)s,") % {"surname": surname}
        return pgettext("letter", "Dear Ms %(surname)s,") % {"surname": surname}

    def check(self) -> None:
        """Refuse a name a letter cannot address, as {field: message}: parts or a form of
        address without a surname, initials that are not initials, a form of address
        typed into the surname, a genderneutral name without initials."""
        errors = {}
        surname = self.surname.strip()
        has_parts = self.initials or self.infix or self.title
        if not surname and (has_parts or self.salutation != Salutation.neutral):
            errors["surname"] = _(
                "Fill in the surname: without it the letter cannot address the person."
            )
        if self.initials.strip() and not INITIALS_FIELD.match(self.initials.strip()):
            errors["initials"] = _("Only initials, such as 'B.' or 'A.J.M.'.")
        lowered = surname.lower()
        if any(lowered == p or lowered.startswith(p + " ") for p in PREFIXES):
            errors["surname"] = _(
                "Choose the form of address above; fill in the surname only here."
            )
        if surname and self.salutation == Salutation.neutral and not self.initials.strip():
            errors["initials"] = _(
                "The genderneutral aanhef names initials and surname: fill in the initials."
            )
        if errors:
            raise ValidationError(errors)


def tidy_initials(initials: str) -> str:
    """ "ab" or "A B" or "A.B." → "A.B."; letters followed by a dot, no spaces."""
    text = initials.strip()
    if not text:
        return ""
    if "." not in text:
        return "".join(f"{letter.upper()}." for letter in text if letter.isalpha())
    return re.sub(r"\.\s+", ".", text)


def parse_name(text: str) -> PersonName:
    """Read a name typed as free text ("De heer B. Rikhof", "Mw. drs. A. van Dijk",
    "Dhr. B. Rikhof") into its parts. What cannot be read stays whole as the surname,
    so nothing is lost."""
    rest = " ".join(text.split())
    salutation = Salutation.neutral
    lowered = rest.lower()
    for prefix in sorted(PREFIXES, key=len, reverse=True):
        if lowered == prefix or lowered.startswith(prefix + " "):
            salutation = PREFIXES[prefix]
            rest = rest[len(prefix) :].strip()
            break
    titles = []
    while rest and rest.split(" ", 1)[0].lower() in TITLES:
        first, _space, rest = rest.partition(" ")
        titles.append(first.lower())
    words = rest.split(" ")
    initials = []
    while len(words) > 1 and INITIALS.match(words[0]):
        initials.append(words.pop(0))
    rest = " ".join(words)
    # A leading "Het" or "De" is only a tussenvoegsel in a name that is addressed.
    addressed = initials or titles or salutation != Salutation.neutral
    infix, surname = split_infix(rest) if addressed else ("", rest)
    if not surname:
        return PersonName(Salutation.neutral, surname=" ".join(text.split()))
    return PersonName(salutation, " ".join(titles), "".join(initials), infix, surname)


def split_infix(name: str) -> tuple[str, str]:
    """ "van der Berg" → ("van der", "Berg")."""
    lowered = name.lower()
    for infix in sorted(INFIXES, key=len, reverse=True):
        if lowered.startswith(infix + " ") and len(name) > len(infix) + 1:
            return infix, name[len(infix) + 1 :].strip()
    return "", name
