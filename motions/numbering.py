"""Motie numbers from the municipality's scheme (e.g. M{year}-{seq:02d}): suggestions
continue after the highest number of that year and never repeat an existing one."""

import re
import string

from .models import Motion


def number_pattern(scheme: str, year: int) -> re.Pattern:
    """A pattern that matches the scheme's numbers of one year; group 1 is {seq}."""
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(scheme):
        parts.append(re.escape(literal))
        if name == "year":
            parts.append(str(year))
        elif name == "seq":
            parts.append(r"(\d+)")
    return re.compile("".join(parts))


def highest_sequence(scheme: str, year: int, numbers) -> int:
    """The highest running number of that year among these numbers."""
    pattern = number_pattern(scheme, year)
    matches = (pattern.fullmatch(number) for number in numbers)
    return max((int(match.group(1)) for match in matches if match), default=0)


def suggest_numbers(municipality, year: int, count: int) -> list[str]:
    """The next `count` free numbers of the scheme for that year."""
    scheme = municipality.motion_number_format
    taken = set(Motion.objects.filter(municipality=municipality).values_list("number", flat=True))
    seq, numbers = highest_sequence(scheme, year, taken), []
    while len(numbers) < count:
        seq += 1
        number = scheme.format(year=year, seq=seq)
        if number not in taken:
            numbers.append(number)
    return numbers
