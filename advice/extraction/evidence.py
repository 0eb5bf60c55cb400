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
from rapidfuzz import fuzz, process

ADVICE_THRESHOLD = 2.0

# The writer: "wij", "we", "de adviesraad", "de Wmo-raad", "de rekenkamer(commissie)",
# "de raad" (a seniorenraad writes of itself so), and its full name.
WRITER = (
    r"(?:we|wij|ik|zij|ze|(?:de|het)\s+"
    # "de gemeentelijke adviesraad", not "het college adviseert de raad"
    r"(?:(?!college\b|gemeente\b|advise\w*\b|raad\b|en\b)[\w\-]+\s+){0,2}?"
    r"(?:[\w\-]*raad|rekenkamer\w*|"
    r"platform|commissie|panel|werkgroep|cliëntenraad|participatieraad|adviesgroep|"
    r"(?-i:[A-Z][A-Z\-]{1,6}[a-z\-]*))"
    # its full name: "de Adviesraad Wmo en Jeugdhulp"
    r"(?:\s+(?:en\s+)?(?-i:[A-Z])[\w\-]*){0,4})"
)
ADDRESSEE = (
    r"(?:u|jullie|het\s+college|de\s+gemeente|de\s+gemeenteraad|de\s+raad|de\s+wethouder|"
    r"de\s+raden|de\s+gemeenteraden|de\s+colleges|de\s+gemeenten|b\s*&\s*w|"
    r"burgemeester\s+en\s+wethouders|uw\s+college|het\s+gemeentebestuur)"
)
ADVISING_VERB = (
    r"(?:adviseren|adviseert|adviseer|raden|raadt|bevelen|beveelt|verzoeken|verzoekt|"
    r"dringen|dringt|pleiten|pleit|roepen|roept|stellen\s+voor|stelt\s+voor|sporen|spoort|"
    r"geven\s+(?:u|het\s+college|de\s+gemeente)\s+in\s+overweging|"
    r"geeft\s+(?:u|het\s+college|de\s+gemeente)\s+in\s+overweging)"
)
# Words that may stand between the writer and the verb: "wij adviseren daarom ook", "de
# adviesraad adviseert het college dringend"; not a modal ("dat wij moeten adviseren").
BETWEEN = (
    r"(?:(?:daarom|dan|ook|tevens|nogmaals|dringend|met|klem|sterk|het|college|u|"
    r"jullie|opnieuw|wederom|graag|verder|ten|slotte|eveneens|bovendien|nadrukkelijk|"
    r"uitdrukkelijk|expliciet|allereerst|vervolgens|tot|slot|hierbij|concreet|als|echter|"
    r"bijzonder|wel|"
    r"volgt|samenvattend|kortom)\s+){0,3}"
)
ADVICE_PHRASES = [
    # "wij adviseren", "de adviesraad adviseert", "de Wmo-raad beveelt aan"
    rf"\b{WRITER}\s+{BETWEEN}{ADVISING_VERB}\b",
    # "adviseren wij", "daarom raadt de adviesraad aan"
    rf"\b{ADVISING_VERB}\s+{WRITER}\b",
    # "stelt het platform voor om", "beveelt de rekenkamer de raad aan"
    rf"\b(?:stelt|stellen|beveelt|bevelen|raadt|raden|dringt|dringen|spoort|sporen)\s+{WRITER}\s+"
    r"(?:\w+\s+){0,4}?(?:voor|aan)\b",
    # "de adviesraden willen tussentijds geïnformeerd worden"
    r"\b(?:willen|wil)\s+(?:\w+\s+){0,8}?(?:ge[iï]nformeerd|betrokken|gehoord|geraadpleegd|"
    r"meegenomen|op\s+de\s+hoogte\s+gehouden)\s+(?:worden|blijven)\b",
    # "de commissie benadrukt de noodzaak van", "onderstreept het belang van"
    rf"\b{WRITER}\s+{BETWEEN}(?:benadrukt|benadrukken|onderstreept|onderstrepen)\s+"
    r"(?:\w+\s+){0,2}?(?:de\s+noodzaak|het\s+belang)\b",
    r"\b(?:benadrukt|benadrukken|onderstreept|onderstrepen)\s+(?:\w+\s+){1,5}?"
    r"(?:de\s+noodzaak|het\s+belang)\b",
    # "een aanbeveling aan het gemeentebestuur is om …"
    r"\b(?:een|de|onze|ons)\s+(?:belangrijke\s+|eerste\s+|laatste\s+)?(?:aanbeveling|advies)\s+"
    r"(?:aan\s+(?:\w+\s+){1,3}?)?(?:is|luidt)\s+(?:om|dat)\b",
    # Reported: "zij vroegen om uitbreiding", "de ASD pleitte voor"; advice given before
    # is told apart by its time ("in 2021 adviseerden wij", see EARLIER).
    rf"\b{WRITER}\s+{BETWEEN}(?:vroeg|vroegen|pleitte|pleitten|adviseerde|adviseerden|"
    r"verzocht|verzochten)\s+(?:\w+\s+){0,3}?(?:om|voor|dat|aan)\b",
    # "de jongerenraad wil dat", "ook willen ze dat": a body reported in the third
    # person ("we willen dat" is how a municipality writes its own vision)
    rf"\b(?!(?:we|wij|ik)\b)(?:{WRITER}|ze|de\s+jongeren|de\s+ouderen)\s+{BETWEEN}(?:willen|wil)\s+"
    r"(?:graag\s+)?dat\b",
    r"\b(?:willen|wil)\s+(?:ze|zij)\s+(?:graag\s+)?dat\b",
    # "ook zijn we voorstander om", "de ouderenraad is voorstander van"
    rf"\b(?:(?:zijn|is)\s+{WRITER}|{WRITER}\s+(?:is|zijn))\s+(?:\w+\s+){{0,2}}?(?:groot\s+)?"
    r"(?:voorstander|voorstanders)\s+(?:van|om)\b",
    # "we zouden graag onderzocht willen hebben"
    r"\b(?:we|wij)\s+zouden\s+(?:\w+\s+){0,2}?graag\s+(?:\w+\s+){0,4}?willen\b",
    # "verder een advies om meer duidelijkheid te geven"
    r"\b(?:een|ons|het)\s+(?:\w+\s+)?advies\s+om\s+(?:\w+\s+){0,10}?te\s+\w+",
    # "verwachten wij van de gemeente"
    rf"\b(?:verwacht|verwachten)\s+{WRITER}\s+(?:\w+\s+){{0,3}}?(?:van\s+)?{ADDRESSEE}\b",
    # "de rekenkamer verwacht van de raden dat zij:"
    rf"\b{WRITER}\s+{BETWEEN}(?:verwacht|verwachten)\s+(?:\w+\s+){{0,2}}?(?:van\s+)?{ADDRESSEE}\b",
    # "wij vragen u / het college …", but not "wij vragen ons af"
    rf"\b{WRITER}\s+{BETWEEN}(?:vragen|vraagt|verzoeken|verzoekt)\s+"
    rf"(?:\w+\s+){{0,2}}?{ADDRESSEE}\b",
    rf"\b(?:vragen|vraagt|verzoeken|verzoekt)\s+{WRITER}\s+(?:\w+\s+){{0,2}}?{ADDRESSEE}\b",
    # "de ACO vraagt (dringend) aandacht voor", "wij vragen aandacht voor"
    rf"\b(?:{WRITER}\s+{BETWEEN}(?:vragen|vraagt)|(?:vragen|vraagt)\s+{WRITER})\s+"
    r"(?:\w+\s+){0,3}?aandacht\s+(?:te\s+(?:besteden|geven|schenken)\s+)?(?:voor|aan)\b",
    r"\b(?:(?:ons|onze)\s+(?:dringend\s+|belangrijkste\s+|eerste\s+|tweede\s+|laatste\s+)?"
    r"(?:advies|aanbeveling|verzoek|voorstel)|(?:het\s+advies|de\s+aanbeveling)"
    r"(?:\s+van\s+(?:de|het)\s+[\w\-]+)?)\s+(?:is|luidt|zou\s+zijn)\s+"
    r"(?:(?:dan\s+ook|daarom|dus|kort\s+gezegd|samengevat|tweeledig|als\s+volgt)\s*:?\s*)?"
    r"(?:om|dat|:|het\s+volgende)",
    # "de adviesraad zou graag zien dat", "wij zien graag dat"
    rf"\b{WRITER}\s+{BETWEEN}(?:zou|zouden|wil|willen)\s+(?:\w+\s+){{0,3}}?graag\s+zien\b",
    rf"\b{WRITER}\s+{BETWEEN}(?:ziet|zien)\s+(?:\w+\s+){{0,2}}?graag\b",
    r"\bhet\s+verdient\s+(?:de\s+|sterk\s+|dan\s+ook\s+)?(?:aanbeveling|de\s+voorkeur)\b",
    r"\b(?:is|lijkt)\s+het\s+(?:ons\s+)?(?:aan\s+te\s+(?:raden|bevelen)|raadzaam|wenselijk)\b",
    r"\bhet\s+is\s+(?:\w+\s+)?(?:ons\s+)?(?:aan\s+te\s+(?:raden|bevelen)|raadzaam)\b",
    r"\b(?:we|wij)\s+(?:\w+\s+){0,2}?geven\s+(?:\w+\s+){0,3}?in\s+overweging\b",
    r"\b(?:we|wij)\s+(?:\w+\s+){0,2}?doen\s+(?:\w+\s+){0,3}?(?:de\s+)?aanbeveling\b",
    r"\b(?:doen|geven)\s+(?:we|wij)\s+(?:\w+\s+){0,3}?(?:de\s+aanbeveling|in\s+overweging)\b",
    # "de adviesraad voorziet het kader van een positief advies"
    rf"\b{WRITER}\s+(?:\w+\s+){{0,9}}?(?:positief|negatief|instemmend|gunstig)\s+advies\b",
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

# Every advising phrase holds one of these stems; a sentence without any is not
# searched with the long expression.
ADVICE_HINT = re.compile(
    r"advi|raad|raden|bevel|beveel|bevol|verzo|vrag|vraag|vroeg|dring|pleit|roep|stel|spoor|"
    r"overweg|nodig|voorstander|zouden|"
    r"verdien|wenselijk|aandacht|graag|verwacht|wil|benadruk|onderstre|advies|ge[iï]nformeerd|"
    r"betrokken|gehoord|geraadpleegd|meegenomen|hoogte",
    re.IGNORECASE,
)


def advises_in_words(text: str) -> bool:
    """Whether the text advises in so many words (an advising phrase of the writer)."""
    return bool(ADVICE_HINT.search(text)) and bool(ADVICE.search(text))


# Obligations laid on the addressee: "de gemeente moet …", "het college dient …"
OBLIGATION = re.compile(
    rf"\b(?:{ADDRESSEE}|er)\s+(?:moet|moeten|dient|dienen|zou\s+(?:\w+\s+){{0,3}}?moeten|"
    rf"zouden\s+(?:\w+\s+){{0,3}}?moeten)\b|"
    r"\b(?:moet|dient|moeten|dienen)\s+(?:de\s+gemeente|het\s+college|u)\b|"
    r"\b(?:(?:we|wij)\s+(?:vinden|achten)|(?:vinden|achten)\s+(?:we|wij))\s+(?:het\s+)?"
    r"(?:\w+\s+)?(?:belangrijk|noodzakelijk|essentieel|wenselijk|nodig|van\s+belang)\s+"
    r"(?:dat|om)\b|"
    rf"\b{ADDRESSEE}\s+(?:\w+\s+){{0,2}}?(?:zorgt|zorgen)\s+(?:er\s+)?(?:\w+\s+)?(?:voor|ervoor)\s+dat\b|"
    r"\b(?:dient|dienen)\s+(?:\w+\s+){0,8}?te\s+\w+|"
    # "het college van B&W de raad meer moet informeren"
    rf"\b{ADDRESSEE}\s+(?:van\s+\S+\s+)?(?:(?!of\b|bij\b|voor\b|dan\b|over\b|en\b)\w+\s+){{0,5}}?"
    r"(?:moet|moeten|dient|dienen)\b|"
    # "vindt de commissie dat … moeten worden", "de rekenkamer concludeert dat … moet"
    rf"(?:{WRITER}\s+{BETWEEN}(?:vindt|vinden|concludeert|concluderen|meent|menen)|"
    rf"(?:vindt|vinden|concludeert|concluderen|meent|menen)\s+{WRITER})\s+(?:\w+\s+){{0,2}}?"
    r"dat\b[^.]*\b(?:moet|moeten|dient|dienen)\b",
    re.IGNORECASE,
)
# Something must be or become so, no one named to do it: weaker ("De toegang moet
# eenvoudig blijven" grounds the advice that follows it).
MUST_BE = re.compile(r"\b(?:moet|moeten)\s+(?:\w+\s+){0,8}?(?:worden|blijven)\b", re.I)
# An impersonal need, weaker: "het is belangrijk dat …" also grounds advice.
NEED = re.compile(
    r"\b(?:het\s+is|is\s+het)\s+(?:\w+\s+)?(?:van\s+)?(?:belangrijk|essentieel|noodzakelijk|nodig|"
    r"wenselijk|zaak|gewenst|cruciaal)\s+(?:dat|om)\b|"
    r"\bvan\s+(?:groot|essentieel|wezenlijk|cruciaal|het\s+grootste)?\s*belang\s+(?:is|zijn)\s+"
    r"(?:\w+\s+){0,3}?(?:dat|om)\b",
    re.IGNORECASE,
)
NEED_OF_ADDRESSEE = re.compile(
    rf"\b(?:belangrijk|essentieel|noodzakelijk|nodig|wenselijk|zaak|gewenst|cruciaal|belang\s+is)"
    rf"\s+dat\s+{ADDRESSEE}\b",
    re.IGNORECASE,
)
NEED_OF_ACTION = re.compile(
    r"\b(?:belangrijk|essentieel|noodzakelijk|nodig|wenselijk|zaak|gewenst|cruciaal|belang\s+is)"
    r"\s+(?:\w+\s+){0,3}?om\s+(?:\w+\s+){0,10}?te\s+\w+",
    re.IGNORECASE,
)
INTERROGATIVE = re.compile(
    r"^\W*(?:welke?|hoe(?:veel)?|waarom|wanneer|wie|waar(?:om|door|mee|voor)?|in\s+hoeverre)\s+"
    r"(?!\w+\s*,)",
    re.IGNORECASE,
)

# Counter-evidence
# Agreement: "Als adviesraden steunen wij de ambitie …", "de adviesraad kan zich vinden in"
AGREEMENT = re.compile(
    rf"\b(?:{WRITER}\s+{BETWEEN}(?:steunen|steunt|onderschrijven|onderschrijft|waarderen|"
    rf"waardeert|kunnen\s+ons\s+vinden|kan\s+zich\s+vinden)|(?:steunen|onderschrijven|"
    rf"waarderen)\s+(?:we|wij))\b",
    re.IGNORECASE,
)
QUESTION = re.compile(
    r"\?\s*[\"”’)]?\s*$|\bvragen\s+(?:we|wij)\s+ons\s+af\b|"
    r"\b(?:we|wij)\s+vragen\s+ons\s+(?:\w+\s+){0,2}?af\b",
    re.I,
)
EARLIER = re.compile(
    r"\b(?:al|eerder|destijds|toen|vorig\s+jaar|eerdere?|vorige?|in\s+(?:19|20)\d\d|"
    r"op\s+\d{1,2}\s+\w+(?:\s+\d{4})?)\b(?:\s+\w+){0,6}?\s+"
    r"(?:geadviseerd|aanbevolen|aangeraden|gevraagd|verzocht|bepleit|adviseerden|"
    r"adviseerde|geadviseerd)\b|"
    r"\b(?:hebben|heeft|had|hadden)\s+(?:\w+\s+){0,4}?(?:al|eerder|destijds|toen|ook\s+al)\s+"
    r"(?:\w+\s+){0,6}?(?:geadviseerd|aanbevolen|aangeraden|gevraagd|verzocht)\b|"
    r"\bin\s+(?:ons|het|een)\s+(?:eerdere?|vorige?)\s+advies\b|"
    r"\bin\s+ons\s+advies\s+van\s+\d|"
    # "ons advies om … heeft u niet overgenomen"
    r"\b(?:heeft|hebt)\s+u\s+(?:\w+\s+){0,3}?(?:niet\s+|deels\s+|gedeeltelijk\s+)?overgenomen\b",
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
    r"de\s+algemene\s+rekenkamer|de\s+kinderombudsman|het\s+landelijk\s+\w+|"
    r"(?:de|het)\s+(?:conclusie|uitgangspunt|voorstel|plan|nota|ambitie|doel)\s+van\s+"
    r"(?:de\s+gemeente|het\s+college)|"
    r"(?:de\s+gemeente|het\s+college)\s+(?:wil|stelt|schrijft|geeft\s+aan|constateert|"
    r"concludeert|kiest|heeft\s+gekozen|gaat\s+ervan\s+uit))\b",
    re.IGNORECASE,
)
COURTESY = re.compile(
    r"\b(?:graag\s+(?:nader\s+)?toe(?:lichten)?|dank\s+voor|(?:lichten|licht)\s+(?:\w+\s+){0,4}?"
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
# What the body does in general ("adviseert gevraagd en ongevraagd over jeugdzaken"),
# or what it will raise ("wij vragen uw aandacht voor twee kwesties"): no advice yet.
ROLE = re.compile(
    r"\b(?:gevraagd\s+en\s+ongevraagd|ongevraagd\s+en\s+gevraagd)\b|"
    r"\baandacht\s+voor\s+(?:twee|drie|vier|enkele|een\s+aantal|de\s+volgende|onderstaande)\s+\w+",
    re.IGNORECASE,
)
NOT_ADVISING = re.compile(
    r"\b(?:adviseren|adviseert|raden|bevelen)\s+(?:\w+\s+){0,6}?niet\s+over\b|"
    r"\bgeen\s+(?:advies|aanbevelingen?)\b|\bniet\s+(?:te\s+)?adviseren\b",
    re.IGNORECASE,
)
# "Wij begrijpen dat …", "Wij constateren dat …": what follows is what the writer
# knows or sees, not what it asks.
COGNITION = re.compile(
    r"^\W*(?:\w+\s+)?(?:wij|we|de\s+adviesraad)\s+(?:\w+\s+)?(?:begrijpen|begrijpt|weten|"
    r"zien|merken|constateren|constateert|lezen|horen|realiseren\s+ons|beseffen|erkennen|"
    r"stellen\s+vast|hebben\s+begrepen|hebben\s+gezien|hebben\s+gelezen)\s+"
    r"(?:\w+\s+){0,3}?dat\b",
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
# Words that are never an imperative, however the lemmatiser reads them ("in" → "innen").
FUNCTION_WORDS = {
    "in", "op", "om", "aan", "bij", "uit", "door", "voor", "met", "na", "te", "tot", "als",
    "dan", "ook", "al", "nu", "zo", "wel", "niet", "geen", "er", "dit", "dat", "die", "de",
    "het", "een", "en", "of", "maar", "want", "omdat", "hoe", "wat", "wie", "waar", "wij",
    "we", "u", "zij", "ze", "hij", "ons", "onze", "uw", "hun", "over", "onder", "tussen",
    "sinds", "tijdens", "vanaf", "via", "per", "zonder", "binnen", "buiten", "naast",
    "bijvoorbeeld", "daarnaast", "verder", "tevens", "kortom", "daarom", "echter", "ten",
    "mede", "meer", "minder", "veel", "weinig", "alle", "elke", "ieder", "iedere",
    "meneer", "mevrouw", "geachte", "geacht", "beste", "dames", "heren", "brief", "bezig",
    "welk", "welke", "hoeveel", "waarom", "wanneer", "waarmee", "indien", "haar", "mijn",
    "zijn", "jouw", "je", "vrij", "zoals", "mits", "tenzij", "terwijl", "hoewel",
}  # fmt: skip
# Imperatives of a web page or a cover note, not advice: "Zie bijlage", "Lees meer".
NOT_ADVICE_IMPERATIVE = {
    "zie", "lees", "klik", "download", "bekijk", "bel", "mail", "deel", "dank", "bedank",
    "denk",
}  # fmt: skip
WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]+")
MONTHS = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
}  # fmt: skip


# The verbs that carry advice, as a scan without proofreading may garble them
# ("veaoekt", "veruoekt" for "verzoekt").
SCANNED_VERBS = ("verzoekt", "verzoeken", "adviseert", "adviseren", "beveelt", "bevelen")


SCANNED_WORD = re.compile(r"\b(?:[vV]e|[aA]d|[bB]e)\w{4,8}\b")


@lru_cache(maxsize=8192)
def _repaired(word: str) -> str:
    lower = word.lower()
    if simplemma.is_known(lower, lang="nl"):
        return word
    best = process.extractOne(lower, SCANNED_VERBS, scorer=fuzz.ratio, score_cutoff=75)
    return best[0] if best else word


def repair_scanned_verbs(text: str) -> str:
    """Text with an advising verb that a scan garbled written out again; an unknown
    word near such a verb is read as that verb."""
    return SCANNED_WORD.sub(lambda m: _repaired(m[0]), text)


@dataclass
class Evidence:
    """The weighed evidence of one sentence."""

    score: float
    reasons: tuple[str, ...]

    @property
    def advises(self) -> bool:
        return self.score >= ADVICE_THRESHOLD


# After a verb stem that is also a noun ("Zorg", "Werk", "Onderzoek") these words
# make it an imperative: "Zorg dat", "Werk samen", "Onderzoek welke".
FOLLOWERS = {
    "dat", "ervoor", "er", "voor", "samen", "het", "de", "een", "u", "uw", "welke", "wat",
    "hoe", "of", "altijd", "ook", "actief", "zo", "goed", "daarbij", "hierbij", "nu", "mee",
    "af", "na", "eerst", "tijdig", "jaarlijks", "regelmatig", "met", "bij", "in", "op",
    "aan", "alle", "elke", "iedere", "deze", "dit", "die", "zelf", "wel", "niet", "geen",
}  # fmt: skip


def is_imperative(word: str, following: str = "") -> bool:
    return imperative_strength(word, following) > 0


@lru_cache(maxsize=4096)
def imperative_strength(word: str, following: str = "") -> float:
    """How surely `word` (the first word of a sentence) is a verb's stem used as an
    imperative: 2 when its own lemma is the infinitive it is the stem of ("Maak" →
    "maken"); 1 when it is also a noun and only its third person reads as a verb
    ("Zorg", "Werk"), 2 again when the next word fits an imperative ("Zorg dat");
    0 otherwise."""
    word, following = word.lower(), following.lower()
    if (
        len(word) < 2
        or word in FUNCTION_WORDS
        or word in NOT_ADVICE_IMPERATIVE
        or following in FINITE
    ):
        return 0
    stem_verb = _infinitive(word[:-1]) if word.endswith("t") else ""
    if stem_verb and _stem_fits(word[:-1], stem_verb):
        return 0  # "zorgt", "houdt": a third person, not an imperative
    infinitive = _infinitive(word)
    if not infinitive or not _stem_fits(word, infinitive):
        return 0
    # After an imperative comes its object, not a finite verb, a number or a month:
    # "Afscheid namen …", "Ruim 400 jongeren …", "Eind september heeft …" narrate.
    verb = _infinitive(following)
    finite = bool(verb) and following != verb and not _stem_fits(following, verb)
    if following.isdigit() or following in MONTHS or finite:
        return 0
    direct = simplemma.lemmatize(word, lang="nl") == infinitive
    return 2 if direct or following in FOLLOWERS else 1


SHORT_INFINITIVES = ("gaan", "doen", "zien", "staan", "slaan")


@lru_cache(maxsize=8192)
def _infinitive(word: str) -> str:
    """The infinitive `word` is a form of, or "": its own lemma, the lemma of its third
    person ("zorg" → "zorgt" → "zorgen"), or for a stem in -s/-f the infinitive in
    -zen/-ven that is not the plural of the word itself ("wijs" → "wijzen")."""
    if not word or word in FUNCTION_WORDS:
        return ""
    for form in (word, word + "t"):
        lemma = simplemma.lemmatize(form, lang="nl")
        if lemma != form and (lemma.endswith("en") or lemma in SHORT_INFINITIVES):
            return lemma
    if len(word) >= 3 and word[-1] in "sf":
        stem = word[:-1]
        if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] in "aeou":
            stem = stem[:-1]  # geef → gev-
        candidate = stem + {"s": "z", "f": "v"}[word[-1]] + "en"
        if simplemma.is_known(candidate, lang="nl") and (
            simplemma.lemmatize(candidate, lang="nl") != word
        ):
            return candidate
    return ""


AUXILIARY = re.compile(
    r"\b(?:is|zijn|wordt|worden|moet|moeten|kan|kunnen|heeft|hebben)\b|\bte\s+\w+en\b", re.I
)


def has_verb(text: str) -> bool:
    """Whether the text has a word that is a form of a verb (a title has none)."""
    words = [w.lower() for w in WORD.findall(text)]
    if imperative_strength(*first_words(text)):
        return True
    return any(
        _is_verb_form(word) for word in words if len(word) > 2 and word not in FUNCTION_WORDS
    ) or bool(AUXILIARY.search(text))


def _is_verb_form(word: str) -> bool:
    """A form whose own lemma is an infinitive ("maakt", "verhoog"), or an infinitive;
    not a noun that merely has a verb beside it ("inkoop")."""
    lemma = simplemma.lemmatize(word, lang="nl")
    if lemma != word:
        return lemma.endswith("en") or lemma in SHORT_INFINITIVES
    return word.endswith("en") and simplemma.is_known(word, lang="nl")


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


@lru_cache(maxsize=16384)
def weigh(
    sentence: str,
    *,
    announced: bool | float = False,
    item: bool = False,
    advisory: bool = True,
) -> Evidence:
    """The evidence that `sentence` gives advice. `announced`: it stands where the
    structure says advice follows (an announced list, an advice heading or label);
    `item`: it opens a list item; `advisory`: the text is an advies at all (a policy
    note full of "moet" and "dient" advises no one, see `is_advisory`)."""
    score = 0.0
    reasons: list[str] = []
    text = sentence.strip()
    advises = advises_in_words(text)
    if not advises:
        text = repair_scanned_verbs(text)
        advises = advises_in_words(text)
    if advises:
        score += 2.5
        reasons.append("advising phrase")
    first, second = first_words(text)
    opens = first[:1].isupper() or (item and announced)
    if advisory and opens and (strength := imperative_strength(first, second)):
        score += strength
        reasons.append("imperative")
    if advisory and OBLIGATION.search(text):
        score += 2.0
        reasons.append("obligation")
    elif advisory and MUST_BE.search(text):
        score += 1.5
        reasons.append("obligation")
    elif advisory and NEED.search(text):
        # "het is belangrijk dat de raad …" asks something of the addressee, "van
        # belang is om … te checken" an action; "belangrijk dat inwoners …" less.
        score += 2.0 if NEED_OF_ADDRESSEE.search(text) or NEED_OF_ACTION.search(text) else 1.0
        reasons.append("need")
    if announced:
        score += announced if isinstance(announced, float) else (2.0 if item else 1.0)
        reasons.append("announced")
    if QUESTION.search(text):
        score -= 4
        reasons.append("question")
    elif INTERROGATIVE.match(text) and not ADVICE.search(text):
        score -= 2
        reasons.append("question")
    if EARLIER.search(text) and not re.search(
        r"\b(?:opnieuw|nogmaals|wederom|nog\s+steeds|"
        r"blijven)\b",
        text,
        re.I,
    ):
        score -= 3
        reasons.append("given before")
    if OTHERS.search(text) and not re.search(rf"^\W*{WRITER}\b", text, re.I):
        score -= 3
        reasons.append("someone else")
    if COURTESY.search(text):
        score -= 3
        reasons.append("courtesy")
    if COGNITION.search(text) and not ADVICE.search(text):
        score -= 2
        reasons.append("what the writer sees")
    if AGREEMENT.search(text) and not advises:
        score -= 2
        reasons.append("agreement")
    if ROLE.search(text):
        score -= 3
        reasons.append("role")
    if NOT_ADVISING.search(text):
        score -= 3
        reasons.append("says it does not advise")
    if REPORTED.match(text):
        score -= 2
        reasons.append("quoted")
    return Evidence(score, tuple(reasons))


ADVISORY_MARK = re.compile(
    r"^\s*(?:betreft|onderwerp|inzake)\s*:?\s*.{0,40}\b(?:advies|aanbeveling)|"
    r"^\s*(?:(?:ongevraagd|gevraagd|aanvullend)\s+)?advies\s+(?:over|inzake|aan|van|betreffende|"
    r"m\.b\.t\.|t\.a\.v\.|op|bij|ten\s+aanzien|voor|\w+(?:beleid|plan|nota|verordening))\b|"
    r"^\s*(?:adviezen|aanbevelingen|onze\s+adviezen|ons\s+advies)\s*:?\s*$|"
    r"^\s*(?:advies|aanbeveling)\s*(?:\d{1,3}\s*[:.)\-–]|:)",
    re.IGNORECASE | re.MULTILINE,
)


# An advies names itself, or its writer, at its start: "Advies over …", "De
# Participatieraad …", "Platform Gehandicapten …", "Rekenkamercommissie …".
ADVICE_WORD = re.compile(
    r"\b(?:advies|adviezen|adviseren|adviseert|aanbevelingen?|adviesraad\w*|adviesgroep|"
    r"wmo-raad|wmo-adviesraad|cliëntenraad|participatieraad|participatieadviesraad|"
    r"seniorenraad|ouderenraad|ouderenadviesraad|jongerenraad|jeugdraad|rekenkamer\w*|"
    r"platform\s+gehandicapten\w*|gehandicaptenplatform|adviescommissie)\b",
    re.I,
)
ADVICE_HEADING_LINE = re.compile(
    r"^[^\S\n]*[\w ]{0,30}\badvie[sz]\w*[^\S\n]*:?[^\S\n]*$", re.I | re.M
)


def is_advisory(text: str) -> bool:
    """Whether the text is an advies at all: it advises in so many words somewhere,
    says it is an advies (its subject, its opening, a label or heading). Only then do
    imperatives and obligations count as advice."""
    return bool(
        ADVICE.search(text)
        or ADVICE.search(repair_scanned_verbs(text))
        or ADVISORY_MARK.search(text)
        or ADVICE_WORD.search(text[:800])
        or ADVICE_HEADING_LINE.search(text)
    )
