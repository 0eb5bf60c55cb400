"""Benchmark: how well and how fast the advice points of real letters are found.

Prints precision and recall per letter of the corpus and pooled over it, and the time
to extract the points of a text of 1 MB. Asserts nothing: the tests hold the floors."""

import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from advice.evaluation import load_corpus, match, pooled, score
from advice.extraction import extract_points
from advice.extraction.evidence import weigh

CORPUS = Path(settings.BASE_DIR) / "tests" / "letters" / "corpus"
# Letters kept apart to see how the rules do on letters they were not tuned on; the
# tests assert nothing about them.
HELDOUT = Path(settings.BASE_DIR) / "tests" / "letters" / "heldout"


class Command(BaseCommand):
    help = "Print precision and recall of the advice extraction over the letter corpus."

    def add_arguments(self, parser):
        parser.add_argument("--corpus", default=str(CORPUS), help="Folder of letters.")
        parser.add_argument("--show", nargs="*", default=None, help="Slugs to show in full.")
        parser.add_argument("--no-speed", action="store_true", help="Skip the 1 MB timing.")
        parser.add_argument("--heldout", default=str(HELDOUT), help="Folder of held-out letters.")

    def handle(self, *args, corpus, show, no_speed, heldout, **options):
        letters = self.report(Path(corpus), show)
        if Path(heldout).is_dir() and Path(heldout) != Path(corpus):
            self.stdout.write("\nHeld out (not tuned on; the tests assert nothing about them):")
            self.report(Path(heldout), show)
        if not no_speed:
            self.speed(letters)

    def report(self, folder, show):
        letters = load_corpus(folder)
        scores = []
        self.stdout.write(f"{'letter':<58} {'true':>4} {'prop':>4} {'found':>5} {'P':>5} {'R':>5}")
        for letter in letters:
            result = score(letter)
            scores.append(result)
            flag = "" if result.precision >= 0.8 and result.recall >= 0.8 else "  <"
            self.stdout.write(
                f"{letter.slug[:58]:<58} {result.truth:>4} {result.proposed:>4} "
                f"{result.found:>5} {result.precision:>5.2f} {result.recall:>5.2f}"
                f"{flag}{'  ' + result.error if result.error else ''}"
            )
            if show is not None and (not show or letter.slug in show):
                self.show(letter)
        precision, recall = pooled(scores)
        kinds = [letter.source.get("kind") for letter in letters]
        real = [s for s, kind in zip(scores, kinds, strict=True) if kind == "real"]
        bodies = {
            letter.source.get("body") for letter in letters if letter.source.get("kind") == "real"
        }
        self.stdout.write(
            f"\n{len(letters)} letters ({len(real)} real, of {len(bodies)} bodies), "
            f"{sum(s.truth for s in scores)} points"
        )
        self.stdout.write(f"pooled: precision {precision:.3f}, recall {recall:.3f}")
        if real:
            p, r = pooled(real)
            self.stdout.write(f"real letters only: precision {p:.3f}, recall {r:.3f}")
        return letters

    def show(self, letter):
        truth = [(p["text"], p.get("explanation", "")) for p in letter.truth]
        proposed = extract_points(letter.text())
        pairs = dict(match([(p.text, p.explanation) for p in proposed], truth))
        for index, point in enumerate(proposed):
            mark = "+" if index in pairs else "-"
            self.stdout.write(f"   {mark} P{point.number} [{point.theme}] {point.text[:150]}")
            if point.explanation:
                self.stdout.write(f"        E: {point.explanation[:100]}")
        found = set(pairs.values())
        for index, (text, _explanation) in enumerate(truth):
            if index not in found:
                self.stdout.write(f"   ! T{index + 1} {text[:150]}")

    def speed(self, letters):
        texts = [letter.text() for letter in letters if letter.path.suffix == ".txt"]
        if not texts:
            return
        joined = "\n\n".join(texts)
        big = (joined * (1_000_000 // max(len(joined), 1) + 1))[:1_000_000]
        timings = []
        for _ in range(3):
            weigh.cache_clear()  # each run reads its sentences afresh
            start = time.perf_counter()
            points = extract_points(big)
            timings.append(time.perf_counter() - start)
        self.stdout.write(
            f"1 MB of letters ({len(points)} points): median {statistics.median(timings):.2f} s, "
            f"slowest {max(timings):.2f} s over {len(timings)} runs"
        )
