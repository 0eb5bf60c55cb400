"""The closing table of `manage.py bench_scale`: per page its time and size at each size
of data, the ratio largest/smallest, and the targets of issue 16 it misses."""

from __future__ import annotations

from .bench_pages import MAX_BYTES, MAX_RATIO, TARGETS_MS, Results


def flags(results: Results, label: str) -> list[str]:
    page = results.pages[label]
    sizes = [s for s in results.sizes if (label, s) in results.data]
    if not sizes:
        return ["not measured"]
    found = []
    statuses = {results.data[label, s].status for s in sizes}
    if statuses != {200}:
        found.append("HTTP " + "/".join(str(s) for s in sorted(statuses)))
    largest = results.data[label, sizes[-1]]
    target = TARGETS_MS[page.kind]
    if largest.cold_ms > target:
        found.append(f"> {target} ms")
    if largest.size > MAX_BYTES:
        found.append("> 500 KB")
    ratio = time_ratio(results, label)
    if ratio is not None and ratio > MAX_RATIO:
        found.append(f"ratio > {MAX_RATIO:g}")
    return found


def time_ratio(results: Results, label: str) -> float | None:
    sizes = [s for s in results.sizes if (label, s) in results.data]
    if len(sizes) < 2:
        return None
    first, last = results.data[label, sizes[0]], results.data[label, sizes[-1]]
    return last.cold_ms / first.cold_ms if first.cold_ms else None


def cell(results: Results, label: str, size: int) -> str:
    measurement = results.data.get((label, size))
    if measurement is None:
        return "—"
    text = f"{measurement.cold_ms:.0f} ms"
    if measurement.warm_ms is not None:
        text += f" (warm {measurement.warm_ms:.0f})"
    text += f", {measurement.size / 1024:.0f} KB, {measurement.queries} q"
    if measurement.status != 200:
        text += f", HTTP {measurement.status}"
    return text


def rows(results: Results):
    for label, page in results.pages.items():
        ratio = time_ratio(results, label)
        yield (
            label,
            page.kind,
            [cell(results, label, size) for size in results.sizes],
            "—" if ratio is None else f"{ratio:.1f}",
            ", ".join(flags(results, label)) or "ok",
        )


def render_text(results: Results, generation: dict, throughput: dict) -> str:
    header = ["page", "kind", *[f"N={s:,}" for s in results.sizes], "ratio", "missed"]
    table = [header] + [
        [label, kind, *cells, ratio, missed] for label, kind, cells, ratio, missed in rows(results)
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = [
        "",
        "Server time: median cold (cache emptied before each request; warm in brackets "
        "for public answers), size, queries",
    ]
    for row in table:
        lines.append(
            "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True))
        )
    lines += ["", *summary_lines(results, generation, throughput)]
    return "\n".join(lines) + "\n"


def summary_lines(results: Results, generation: dict, throughput: dict) -> list[str]:
    lines = []
    for size, seconds in generation.items():
        made = "a kept database, reused" if seconds is None else f"{seconds:.1f} s"
        lines.append(f"Generating N={size:,}: {made}")
    for size, figures in throughput.items():
        if figures:
            parts = [f"{k} {v:.1f} req/s" for k, v in figures.items() if k != "ratio"]
            ratio = figures.get("ratio")
            verdict = (
                ""
                if ratio is None
                else f", ratio {ratio:.2f} ({'ok' if ratio >= 0.5 else 'target >= 0.5 missed'})"
            )
            lines.append(
                f"Throughput N={size:,} (gunicorn, 2 workers): {', '.join(parts)}{verdict}"
            )
    missed = [label for label in results.pages if flags(results, label)]
    lines.append(f"Pages missing a target: {len(missed)} of {len(results.pages)}")
    return lines


def render_markdown(results: Results, generation: dict, throughput: dict) -> str:
    header = ["page", "kind", *[f"N={s:,}" for s in results.sizes], "ratio", "missed"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for label, kind, cells, ratio, missed in rows(results):
        lines.append("| " + " | ".join([label, kind, *cells, ratio, missed]) + " |")
    lines += ["", *[f"- {line}" for line in summary_lines(results, generation, throughput)]]
    lines.insert(
        0,
        "Median server time cold (Django cache emptied before each request; warm in "
        f"brackets for public answers), size and queries. Targets: admin {TARGETS_MS['admin']} ms, "
        f"public/feed/API {TARGETS_MS['public']} ms, sitemap {TARGETS_MS['sitemap']} ms, "
        f"search {TARGETS_MS['search']} ms, 500 KB, ratio {MAX_RATIO:g}.\n",
    )
    return "\n".join(lines) + "\n"
