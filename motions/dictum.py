"""Read a motie's dictum: what it asks of the college, item by item, and what the raad
states ("spreekt uit"), without "De raad", the verb that addresses the college and the
closing formula. The raadsbrief quotes what this returns.

A dictum is a run of clauses, each opened by a head ("verzoekt het college", "draagt het
college op", "roept het college op", "vraagt het college", "spreekt uit", or a verb that
addresses someone else, "verzoekt de regering"). A head counts only at the start of the
text or a line, or after a clause ends (";", ":", ",", "." or " en "), so "de overheid te
verzoeken om …" inside a request is no head. The body of a clause is either one request or
items marked 1./2., a./b., or bullets (-, •, *), or unmarked paragraphs each ending in a
full stop. Worked through a corpus of real dicta: tests/letters/dicta/corpus.json.
"""

import re
from dataclasses import dataclass, field

# The participle that completes "waarin het college werd …" / "heeft u het college …".
PARTICIPLES = {
    "verzoek": "verzocht",
    "draag": "opgedragen",
    "drag": "opgedragen",
    "roep": "opgeroepen",
    "vraag": "gevraagd",
    "vrag": "gevraagd",
}

COLLEGE = (
    r"(?:het\s+)?college(?:\s+van\s+(?:b\s*(?:&|en)\s*w|burgemeester\s+en\s+wethouders))?"
    r"|burgemeester\s+en\s+wethouders"
)
ADDRESS_VERB = r"(?P<stem>verzoek|draag|drag|roep|vraag|vrag)(?:t|en)"
CLAUSE_START = r"(?:^|(?<=\n)|(?<=[;:,.])|(?<=\sen\s))[ \t]*(?:[-•*·–]\s*)?"
COLLEGE_HEAD = re.compile(CLAUSE_START + ADDRESS_VERB + r"\s+(?:" + COLLEGE + r")\b", re.I)
# "besluit het college te verzoeken …", "het college op te dragen …": the infinitive form.
INFINITIVE_HEAD = re.compile(
    CLAUSE_START
    + r"(?:besluit(?:en)?\s*:?\s*)?(?:"
    + COLLEGE
    + r")\s+(?:op\s+te\s+|te\s+)(?P<stem>verzoek|vrag|drag|roep)en\b",
    re.I,
)
# "draagt/roept het college op": the "op" belongs to the verb, not to the request
# ("verzoekt het college op korte termijn …" keeps its "op").
SEPARABLE_OP = re.compile(r"\s*,?\s*op\b", re.I)
STATES_HEAD = re.compile(
    CLAUSE_START + r"(?:spreekt|spreken)\s+(?:als\s+(?:haar|zijn|hun)\s+mening\s+)?uit\b",
    re.I,
)
# Someone other than the college: the regering, GS, the raad itself, partners. Only at a
# line or after ";", "." or " en ", so that "…, vragen zij" inside a request is no head.
OTHER_HEAD = re.compile(
    r"(?:^|(?<=\n)|(?<=[;.])|(?<=\sen\s))[ \t]*(?:[-•*·–]\s*)?"
    + ADDRESS_VERB
    + r"\s+(?!"
    + COLLEGE
    + r")\S",
    re.I,
)
CLOSING = re.compile(
    r"[,;.]?\s*(?:[-•*·–]\s*)?\ben\s+ga(?:at|an)\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag\b.*",
    re.I | re.S,
)
THE_RAAD = re.compile(
    r"^\s*(?:de\s+(?:gemeente)?raad\b(?:\s+van\s+de\s+gemeente\s+\S+)?\s*[,:]?\s*)"
    r"(?:besluit\b\s*:?\s*)?",
    re.I,
)
MARKER = re.compile(r"^\s*(?:(?P<number>\d{1,2})[.)]|(?P<letter>[a-z])[.)]|(?P<bullet>[-•*·–]))\s+")
BULLET = re.compile(r"^\s*(?:[-•*·–]\s*)+")
LEADING_OM = re.compile(r"^om\b[\s,:]*", re.I)
LEADING_DAT = re.compile(r"^dat\b\s*", re.I)
# Words a request may open with that are no name: lowercased when the request is quoted
# inline, as the seed raadsbrief does ("verzocht ‘de methodiek …’").
COMMON_OPENERS = frozenset(
    [
        "aan",
        "alle",
        "alsnog",
        "bij",
        "daarbij",
        "dat",
        "de",
        "deze",
        "dit",
        "door",
        "een",
        "eenmaal",
        "er",
        "geen",
        "het",
        "hierbij",
        "hiervoor",
        "in",
        "jaarlijks",
        "met",
        "na",
        "naar",
        "niet",
        "nog",
        "om",
        "onderzoek",
        "ook",
        "op",
        "over",
        "per",
        "samen",
        "te",
        "ten",
        "tijdig",
        "tot",
        "uiterlijk",
        "van",
        "vanaf",
        "voor",
        "voortaan",
        "vóór",
        "waar",
        "zo",
        "zich",
    ]
)


@dataclass(frozen=True)
class Dictum:
    """What a dictum asks of the college and states, ready to quote."""

    participle: str = ""  # "verzocht", "opgedragen", "opgeroepen", "gevraagd"; "" if none
    request: str = ""  # one request, quoted inline
    items: tuple[str, ...] = ()  # or several, as a list
    list_kind: str = ""  # "number", "letter", "bullet" (the original markers)
    statements: tuple[str, ...] = ()  # "spreekt uit dat …", without "dat"
    others: tuple[str, ...] = ()  # clauses that address someone else, left out
    text: str = field(default="", compare=False)  # the dictum without formulas

    @property
    def asks_the_college(self) -> bool:
        return bool(self.participle)

    @property
    def whole(self) -> str:
        """The dictum on one line for quoting it whole; bullets go, numbers stay."""
        lines = (BULLET.sub("", line).strip() for line in self.text.split("\n"))
        return " ".join(line for line in lines if line).rstrip(",;.: ")


def parse_dictum(dictum: str) -> Dictum:
    text = _without_formulas(dictum)
    heads = _heads(text)
    if not heads:
        return _bare(text)
    participle, request, items, kind, statements, others = "", "", [], "", [], []
    for index, (start, end, what, stem) in enumerate(heads):
        stop = heads[index + 1][0] if index + 1 < len(heads) else len(text)
        body = _clause_end(text[end:stop])
        if what == "states":
            statements += [LEADING_DAT.sub("", item) for item in _items(body)[0]]
        elif what == "other":
            clause = re.sub(r"[\s,;]*\ben\s*$", "", text[start:stop].strip(), flags=re.I)
            others.append(_one_line(clause).rstrip(",;.: ").lstrip("-•*·– "))
        elif not participle:
            participle = PARTICIPLES[stem.lower()]
            request, items, kind = _request(body)
        else:  # a second clause for the college: its items follow the first one's
            more, _more_kind = _items(body)
            items = ([request] if request else []) + items + more
            request = ""
            kind = kind or "bullet"
    return Dictum(participle, request, tuple(items), kind, tuple(statements), tuple(others), text)


def _without_formulas(dictum: str) -> str:
    text = (dictum or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    text = CLOSING.sub("", text)
    return THE_RAAD.sub("", text).strip()


def _heads(text: str) -> list[tuple[int, int, str, str]]:
    """Every clause head in order: (start, end, "college"|"states"|"other", verb stem)."""
    found = [
        (m.start(), _head_end(text, m), "college", m.group("stem"))
        for m in COLLEGE_HEAD.finditer(text)
    ]
    found += [(m.start(), m.end(), "college", m["stem"]) for m in INFINITIVE_HEAD.finditer(text)]
    found += [(m.start(), m.end(), "states", "") for m in STATES_HEAD.finditer(text)]
    taken = {start for start, *_ in found}
    for match in OTHER_HEAD.finditer(text):
        if match.start() not in taken and not _inside(match.start(), found):
            found.append((match.start(), match.end() - 1, "other", match.group("stem")))
    return sorted(found)


def _head_end(text: str, match) -> int:
    if match.group("stem").lower() in ("draag", "drag", "roep"):
        op = SEPARABLE_OP.match(text, match.end())
        if op:
            return op.end()
    return match.end()


def _inside(position: int, heads) -> bool:
    return any(start <= position < end for start, end, *_ in heads)


def _clause_end(body: str) -> str:
    """The body without its opening ":"/"om" and the "en" that joins the next clause."""
    body = body.strip().lstrip(":;,").strip()
    body = re.sub(r"[\s,;]*\ben\s*$", "", body, flags=re.I)
    return body.strip()


def _request(body: str) -> tuple[str, list[str], str]:
    items, kind = _items(LEADING_OM.sub("", body) if not MARKER.match(body) else body)
    if len(items) == 1:
        return _inline(items[0]), [], ""
    return "", items, kind


def _items(body: str) -> tuple[list[str], str]:
    """The items of a body and the kind of their markers; one item if it has none."""
    inline = _inline_numbered(body)
    if inline:
        return inline
    items, kinds, current = [], [], None
    for line in body.split("\n"):
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        marker = MARKER.match(stripped)
        if marker:
            kinds.append(_kind(marker))
            current = [MARKER.sub("", MARKER.sub("", stripped, count=1), count=1)]
            items.append(current)
        elif current is not None and not _ends_a_sentence(current[-1]):
            current.append(stripped)  # a line wrapped inside one item
        else:
            current = [stripped]
            items.append(current)
    cleaned = [_clean(" ".join(parts)) for parts in items]
    cleaned = [item for item in cleaned if item]
    kind = kinds[0] if kinds else ("bullet" if len(cleaned) > 1 else "")
    return cleaned, kind


def _inline_numbered(body: str) -> tuple[list[str], str] | None:
    """ "1. een pilot te starten; 2. …" or "a. …; b. …" written on one line."""
    for first, pattern, kind in (("1", r"\d{1,2}", "number"), ("a", r"[a-z]", "letter")):
        marker = re.compile(r"(?:^|(?<=[\s;:,]))(" + pattern + r")[.)]\s+")
        found = list(marker.finditer(body))
        if len(found) < 2 or found[0].start() != 0 or found[0].group(1) != first:
            continue
        labels = [m.group(1) for m in found]
        expected = [str(n) if kind == "number" else chr(ord("a") + n - 1) for n in range(1, 99)]
        if labels != expected[: len(labels)]:
            continue
        bounds = [m.end() for m in found] + [len(body)]
        starts = [m.start() for m in found[1:]] + [len(body)]
        items = [_clean(body[bounds[i] : starts[i]]) for i in range(len(found))]
        return [item for item in items if item], kind
    return None


def _kind(marker) -> str:
    if marker.group("number"):
        return "number"
    return "letter" if marker.group("letter") else "bullet"


def _ends_a_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", ";", "!", "?"))


def _clean(item: str) -> str:
    item = _one_line(item)
    item = re.sub(r"[\s,;.]*\ben\s*$", "", item, flags=re.I)  # "…; en" before the last item
    item = LEADING_OM.sub("", item)
    return item.strip().rstrip(",;.:").strip()


def _inline(request: str) -> str:
    first, _space, rest = request.partition(" ")
    if first.lower() in COMMON_OPENERS and first[:1].isupper() and first[1:2].islower():
        return first.lower() + (" " + rest if rest else "")
    return request


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _bare(text: str) -> Dictum:
    """No head at all (an old record, a free text): the whole text is the request, as the
    letter always quoted it."""
    return Dictum(text=_one_line(text))
