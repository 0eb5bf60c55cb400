"""What a sentence does: does it advise, and who advises?

Each kind of evidence has a weight; a sentence is advice when the weights add up to
`ADVICE_THRESHOLD`. For: an advising verb or phrase of the writer (adviseren, aanraden,
aanbevelen, wij vragen u, wij verzoeken, wij dringen erop aan, het verdient
aanbeveling, ons advies is …), or an imperative at the start (a Dutch imperative is the
verb's stem: "Zorg", "Verhoog", "Betrek"), or an obligation laid on the addressee ("de
gemeente moet …"), the last two counting for more where the structure around them
(an announced list, an advice heading, a label) says advice follows. Against: a
question, advice given before, advice of someone else, quoted text, courtesy, a
request to be kept informed.

The imperative is recognised with the lemmatiser simplemma rather than a list of
verbs: a first word whose lemma (or the lemma of its third person, "zorg" → "zorgt"
→ "zorgen") is an infinitive of which it is the stem."""

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

ADVICE_THRESHOLD = 2.0

# The writer: "wij", "we", "de adviesraad", "de Wmo-raad", "de rekenkamer(commissie)",
# "de raad" (a seniorenraad writes of itself so), and its full name.
WRITER = (
    r"(?:we|wij|ik|(?:de|het)\s+(?:[\w\-]+\s+){0,3}?(?:[\w\-]*raad|rekenkamer\w*|"
    r"platform|commissie|panel|werkgroep|cliëntenraad|participatieraad|adviesgroep|"
    r"(?-i:[A-Z][A-Z\-]{1,6}[a-z\-]*))"
    r"(?:\s+(?-i:[A-Z])[\w\-]*){0,4})"
)
ADDRESSEE = (
    r"(?:u|jullie|het\s+college|de\s+gemeente|de\s+gemeenteraad|de\s+raad|de\s+wethouder|"
    r"burgemeester\s+en\s+wethouders|uw\s+college|het\s+gemeentebestuur)"
)
ADVISING_VERB = (
    r"(?:adviseren|adviseert|adviseer|raden|raadt|bevelen|beveelt|verzoeken|verzoekt|"
    r"dringen|dringt|pleiten|pleit|roepen|roept|stellen\s+voor|stelt\s+voor|"
    r"geven\s+(?:u|het\s+college|de\s+gemeente)\s+in\s+overweging|"
    r"geeft\s+(?:u|het\s+college|de\s+gemeente)\s+in\s+overweging)"
)
# Words that may stand between the writer and the verb: "wij adviseren daarom ook", "de
# adviesraad adviseert het college dringend"; not a modal ("dat wij moeten adviseren").
BETWEEN = (
    r"(?:(?:daarom|dan|ook|tevens|nogmaals|dringend|met|klem|sterk|het|college|u|"
    r"jullie|opnieuw|wederom|graag|verder|ten|slotte|eveneens|bovendien|nadrukkelijk|"
    r"uitdrukkelijk|expliciet|allereerst|vervolgens|tot|slot|hierbij|concreet|als|"
    r"volgt|samenvattend|kortom)\s+){0,3}"
)
ADVICE_PHRASES = [
    # "wij adviseren", "de adviesraad adviseert", "de Wmo-raad beveelt aan"
    rf"\b{WRITER}\s+{BETWEEN}{ADVISING_VERB}\b",
    # "adviseren wij", "daarom raadt de adviesraad aan"
    rf"\b{ADVISING_VERB}\s+{WRITER}\b",
    # "wij vragen u / het college …", but not "wij vragen ons af"
    rf"\b{WRITER}\s+{BETWEEN}(?:vragen|vraagt|verzoeken|verzoekt)\s+"
    rf"(?:\w+\s+){{0,2}}?{ADDRESSEE}\b",
    rf"\b(?:vragen|vraagt|verzoeken|verzoekt)\s+{WRITER}\s+(?:\w+\s+){{0,2}}?{ADDRESSEE}\b",
    # "de ACO vraagt (dringend) aandacht voor", "wij vragen aandacht voor"
    rf"\b(?:{WRITER}\s+{BETWEEN}(?:vragen|vraagt)|(?:vragen|vraagt)\s+{WRITER})\s+"
    r"(?:\w+\s+){0,3}?aandacht\s+(?:voor|aan)\b",
    r"\b(?:ons|onze|het)\s+(?:dringend\s+|belangrijkste\s+|eerste\s+|tweede\s+|laatste\s+)?"
    r"(?:advies|aanbeveling|verzoek|voorstel)\s+(?:is|luidt|zou\s+zijn)\b",
    r"\bhet\s+verdient\s+(?:de\s+|sterk\s+|dan\s+ook\s+)?(?:aanbeveling|de\s+voorkeur)\b",
    r"\b(?:is|lijkt)\s+het\s+(?:ons\s+)?(?:aan\s+te\s+(?:raden|bevelen)|raadzaam|wenselijk)\b",
    r"\bhet\s+is\s+(?:\w+\s+)?(?:ons\s+)?(?:aan\s+te\s+(?:raden|bevelen)|raadzaam)\b",
    r"\b(?:we|wij)\s+(?:\w+\s+){0,2}?geven\s+(?:\w+\s+){0,3}?in\s+overweging\b",
    r"\b(?:we|wij)\s+(?:\w+\s+){0,2}?doen\s+(?:\w+\s+){0,3}?(?:de\s+)?aanbeveling\b",
    r"\bwordt\s+(?:\w+\s+){0,3}?(?:geadviseerd|aanbevolen|aangeraden|verzocht)\b",
    r"\b(?:geadviseerd|aanbevolen|aangeraden)\s+wordt\b",
    rf"\b{ADDRESSEE}\s+wordt\s+(?:\w+\s+){{0,3}}?(?:geadviseerd|gevraagd|verzocht)\b",
    r"\b(?:we|wij)\s+(?:\w+\s+){0,2}?(?:dringen|dringt)\s+(?:er\s+)?(?:\w+\s+){0,3}?op\s+aan\b",
    r"\b(?:we|wij)\s+(?:\w+\s+){0,2}?(?:roepen|nodigen)\s+(?:\w+\s+){0,2}?"
    r"(?:u|het\s+college|de\s+gemeente)\s+(?:\w+\s+){0,2}?(?:op|uit)\b",
    r"\b(?:we|wij)\s+(?:\w+\s+){0,2}?(?:pleiten|bepleiten)\b",
    r"\b(?:we|wij)\s+(?:willen|zouden)\s+(?:\w+\s+){0,4}?"
    r"(?:adviseren|aanbevelen|aanraden|meegeven|vragen|verzoeken)\b",
]
ADVICE = re.compile("|".join(ADVICE_PHRASES), re.IGNORECASE)

# Obligations laid on the addressee: "de gemeente moet …", "het college dient …"
OBLIGATION = re.compile(
    rf"\b(?:{ADDRESSEE}|er)\s+(?:moet|moeten|dient|dienen|zou\s+(?:\w+\s+){{0,3}}?moeten|"
    rf"zouden\s+(?:\w+\s+){{0,3}}?moeten)\b|"
    r"\b(?:moet|dient|moeten|dienen)\s+(?:de\s+gemeente|het\s+college|u)\b|"
    r"\b(?:het\s+is|is\s+het)\s+(?:van\s+)?(?:belangrijk|essentieel|noodzakelijk|nodig|"
    r"wenselijk|zaak|gewenst|cruciaal)\s+(?:dat|om)\b|"
    r"\b(?:we|wij)\s+(?:vinden|achten)\s+(?:het\s+)?(?:\w+\s+)?(?:belangrijk|noodzakelijk|"
    r"essentieel|wenselijk|nodig|van\s+belang)\s+(?:dat|om)\b|"
    r"\b(?:zorg|zorgt|zorgen)\s+(?:er\s+)?(?:voor|ervoor)\s+dat\b|"
    r"\b(?:dient|dienen)\s+(?:\w+\s+){0,8}?te\s+\w+|"
    r"\b(?:moet|moeten)\s+(?:\w+\s+){0,8}?(?:worden|blijven)\b",
    re.IGNORECASE,
)

# Counter-evidence
QUESTION = re.compile(r"\?\s*[\"”’)]?\s*$|\bvragen\s+(?:we|wij)\s+ons\s+af\b|"
                      r"\b(?:we|wij)\s+vragen\s+ons\s+(?:\w+\s+){0,2}?af\b", re.I)
EARLIER = re.compile(
    r"\b(?:al|eerder|destijds|toen|vorig\s+jaar|eerdere?|vorige?|in\s+(?:19|20)\d\d|"
    r"op\s+\d{1,2}\s+\w+(?:\s+\d{4})?)\b(?:\s+\w+){0,6}?\s+"
    r"(?:geadviseerd|aanbevolen|aangeraden|gevraagd|verzocht|bepleit|adviseerden|"
    r"adviseerde|geadviseerd)\b|"
    r"\b(?:hebben|heeft|had|hadden)\s+(?:\w+\s+){0,4}?(?:al|eerder|destijds|toen|ook\s+al)\s+"
    r"(?:\w+\s+){0,6}?(?:geadviseerd|aanbevolen|aangeraden|gevraagd|verzocht)\b|"
    r"\bin\s+(?:ons|het|een)\s+(?:eerdere?|vorige?)\s+advies\b|"
    r"\bin\s+ons\s+advies\s+van\s+\d",
    re.IGNORECASE,
)
# Advice of someone else: a named other body, or the college advising the raad.
OTHERS = re.compile(
    r"\b(?:raad\s+van\s+state|de\s+minister|het\s+kabinet|de\s+staatssecretaris|de\s+vng|"
    r"de\s+inspectie|de\s+ombudsman|het\s+rapport|de\s+onderzoekers?|het\s+onderzoeksbureau|"
    r"het\s+(?:college|kabinet)\s+(?:\w+\s+){0,2}?(?:adviseert|stelt\s+voor|stelt\s+de\s+raad|"
    r"vraagt\s+de\s+raad|neemt|beveelt)|"
    r"(?:adviseert|beveelt|stelt)\s+het\s+college|"
    r"burgemeester\s+en\s+wethouders\s+(?:stellen|adviseren)|"
    r"het\s+sociaal\s+en\s+cultureel\s+planbureau|de\s+nationale\s+ombudsman|"
    r"de\s+algemene\s+rekenkamer|de\s+kinderombudsman|het\s+landelijk\s+\w+)\b",
    re.IGNORECASE,
)
COURTESY = re.compile(
    r"\b(?:graag\s+(?:nader\s+)?toe(?:lichten)?|(?:lichten|licht)\s+(?:\w+\s+){0,4}?"
    r"(?:graag|nader)\s+toe|tegemoet|zijn\s+(?:graag\s+)?bereid|dank(?:en|t)?\s+(?:u|het)|"
    r"(?:houden|hou)\s+(?:ons|de\s+adviesraad)\s+(?:graag\s+)?(?:aanbevolen|op\s+de\s+hoogte)|"
    r"in\s+afwachting\s+van|met\s+belangstelling|"
    r"(?:reactie|terugkoppeling)\s+(?:op|over)\s+(?:ons|dit|het)\s+advies|"
    r"(?:informeren|laten\s+weten)\s+(?:\w+\s+){0,4}?(?:wat|hoe)\s+(?:u|het\s+college)\s+"
    r"(?:\w+\s+){0,4}?(?:advies|adviezen)|"
    r"(?:op\s+de\s+hoogte\s+(?:te\s+)?(?:houden|stellen)|te\s+informeren)\s+(?:\w+\s+){0,4}?"
    r"(?:over\s+)?(?:wat|hoe)\s+(?:u|het\s+college)\s+(?:met|van)|"
    r"uw\s+(?:schriftelijke\s+)?reactie|schriftelijk\s+te\s+reageren|"
    r"(?:met|van)\s+(?:ons|dit|het)\s+advies\s+(?:doet|gaat\s+doen|heeft\s+gedaan))",
    re.IGNORECASE,
)
NOT_ADVISING = re.compile(
    r"\b(?:adviseren|adviseert|raden|bevelen)\s+(?:\w+\s+){0,6}?niet\s+over\b|"
    r"\bgeen\s+(?:advies|aanbevelingen?)\b|\bniet\s+(?:te\s+)?adviseren\b",
    re.IGNORECASE,
)
REPORTED = re.compile(r"^\s*(?:[\"“„‘']|>|citaat\b)", re.IGNORECASE)
# Words after which a first word is not an imperative: "Werk is …", "Zorg wordt …"
FINITE = {
    "is", "zijn", "was", "waren", "wordt", "worden", "werd", "moet", "moeten", "kan",
    "kunnen", "zal", "zullen", "heeft", "hebben", "had", "blijft", "blijkt", "lijkt",
    "staat", "gaat", "komt", "vraagt", "biedt", "kost", "speelt", "betekent", "vormt",
    "en", "of",
}  # fmt: skip
NOT_IMPERATIVE = {"bijvoorbeeld", "daarnaast", "verder", "tot", "wel", "ook", "zo"}
WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


@dataclass
class Evidence:
    """The weighed evidence of one sentence."""

    score: float
    reasons: tuple[str, ...]

    @property
    def advises(self) -> bool:
        return self.score >= ADVICE_THRESHOLD


@lru_cache(maxsize=4096)
def is_imperative(word: str, following: str = "") -> bool:
    """Whether `word` (the first word of a sentence) is a verb's stem used as an
    imperative: its lemma, or the lemma of its third person, is an infinitive that it
    is the stem of."""
    word = word.lower()
    if len(word) < 2 or word in NOT_IMPERATIVE or following.lower() in FINITE:
        return False
    if word.endswith("t") and _infinitive(word[:-1]) and not _infinitive(word[:-1]).startswith(
        word
    ):
        return False  # "zorgt", "houdt": a third person, not an imperative
    infinitive = _infinitive(word)
    return bool(infinitive) and _stem_fits(word, infinitive)


def _infinitive(word: str) -> str:
    for form in (word, word + "t"):
        lemma = simplemma.lemmatize(form, lang="nl")
        if lemma != form and (lemma.endswith("en") or lemma in ("gaan", "doen", "zien", "staan", "slaan")):
            return lemma
    return ""


def _stem_fits(word: str, infinitive: str) -> bool:
    """'maak' of 'maken', 'zet' of 'zetten', 'geef' of 'geven', 'ga' of 'gaan'."""
    stem = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
    if infinitive in ("gaan", "doen", "zien", "staan", "slaan"):
        stem = infinitive[:-1]
    candidates = {stem}
    if len(stem) >= 2 and stem[-1] == stem[-2]:
        candidates.add(stem[:-1])  # zett → zet
    if len(stem) >= 3 and stem[-2] in "aeou" and stem[-3] not in "aeiou":
        candidates.add(stem[:-1] + stem[-2] + stem[-1])  # mak → maak
    candidates |= {c[:-1] + {"v": "f", "z": "s"}[c[-1]] for c in candidates if c[-1] in "vz"}
    return word in candidates


def first_words(sentence: str) -> tuple[str, str]:
    words = WORD.findall(sentence[:80])
    return (words[0] if words else "", words[1] if len(words) > 1 else "")


def weigh(sentence: str, *, announced: bool | float = False, item: bool = False) -> Evidence:
    """The evidence that `sentence` gives advice. `announced`: it stands where the
    structure says advice follows (an announced list, an advice heading or label);
    `item`: it opens a list item."""
    score = 0.0
    reasons: list[str] = []
    text = sentence.strip()
    if ADVICE.search(text):
        score += 2.5
        reasons.append("advising phrase")
    first, second = first_words(text)
    if first[:1].isupper() and is_imperative(first, second):
        score += 1.0 + (1.0 if announced or item else 0.5)
        reasons.append("imperative")
    if OBLIGATION.search(text):
        score += 1.5
        reasons.append("obligation")
    if announced:
        score += announced if isinstance(announced, float) else (2.0 if item else 1.0)
        reasons.append("announced")
    if QUESTION.search(text):
        score -= 4
        reasons.append("question")
    if EARLIER.search(text) and not re.search(r"\b(?:opnieuw|nogmaals|wederom|nog\s+steeds|"
                                              r"blijven)\b", text, re.I):
        score -= 3
        reasons.append("given before")
    if OTHERS.search(text) and not re.search(rf"^\W*{WRITER}\b", text, re.I):
        score -= 3
        reasons.append("someone else")
    if COURTESY.search(text):
        score -= 3
        reasons.append("courtesy")
    if NOT_ADVISING.search(text):
        score -= 3
        reasons.append("says it does not advise")
    if REPORTED.match(text):
        score -= 2
        reasons.append("quoted")
    return Evidence(score, tuple(reasons))
