"""Kernel-side cost of one timeline filter update against rebuilding the figure.

Run: ``.venv/bin/python bench/bench_timeline.py`` (add ``--quick`` for fewer repeats).

For 100, 1,000 and 10,000 synthetic events it drives the timeline's own
controls (years, search, a category, an era, reset) and times each change
from the control's new value to the end of the handler, which includes the
filter, the batched figure update, the count and the event list. The
baseline, in the same run and for the same filter state, builds the figure
from scratch (``build_figure``) and swaps it into the widget, as a widget
without in-place updates would. Widget messages go through a comm that
JSON-encodes them, as a kernel would, so serialisation is counted on both
sides. Targets: an update under 50 ms at 10,000 events and at least 10x
faster than a rebuild.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from pathlib import Path

import comm

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from widgets.data import EVENT_CATEGORIES, Era, Event, Narrative, PartialDate, Source  # noqa: E402


class JsonComm(comm.DummyComm):
    """A comm that serialises every message like a kernel would, and counts the bytes."""

    sent_bytes = 0

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        JsonComm.sent_bytes += len(json.dumps(data, default=str)) + sum(len(b) for b in buffers or ())


comm.create_comm = lambda **kwargs: JsonComm(**kwargs)

from widgets.timeline import Timeline, build_figure  # noqa: E402

WORDS = "treaty summit talks crisis missile embassy trade sanctions ceasefire envoy border grain".split()


def synthetic_events(n: int, seed: int = 0) -> tuple[Event, ...]:
    rng = random.Random(seed)
    src = (Source("Synthetic source", "https://example.org/source"),)
    out = []
    for i in range(n):
        year = rng.randint(1917, 2026)
        precision = rng.random()
        when = PartialDate(year, rng.randint(1, 12), rng.randint(1, 28)) if precision < 0.8 else PartialDate(year)
        narratives = ()
        if rng.random() < 0.15:
            narratives = (
                Narrative("us", "US account", "One account " + rng.choice(WORDS), src),
                Narrative("russia", "Russian account", "Another account " + rng.choice(WORDS), src),
            )
        out.append(
            Event(
                id=f"event-{i:05d}",
                date=when,
                end_date=None,
                title=f"Synthetic event {i} about {rng.choice(WORDS)}",
                category=rng.choice(EVENT_CATEGORIES),
                summary=" ".join(rng.choice(WORDS) for _ in range(12)),
                significance="Why it matters, in a sentence.",
                actors=(f"player-{rng.randint(0, 40)}", f"player-{rng.randint(0, 40)}"),
                sources=src,
                narratives=narratives,
            )
        )
    return tuple(sorted(out, key=lambda e: (e.date, e.id)))


ERAS = (
    Era("interwar", "Interwar", PartialDate(1917), PartialDate(1941, 6), "", ()),
    Era("war", "Wartime alliance", PartialDate(1941, 6), PartialDate(1945, 9), "", ()),
    Era("cold-war", "Cold War", PartialDate(1945, 9), PartialDate(1991, 12, 26), "", ()),
    Era("post-soviet", "After the USSR", PartialDate(1991, 12, 26), PartialDate(2014, 2), "", ()),
    Era("renewed", "Renewed hostility", PartialDate(2014, 2), None, "", ()),
)


def operations(tl: Timeline):
    """A realistic sequence of filter changes, each one student action."""
    first_cat = next(iter(tl.category_boxes))
    return [
        ("years 1950-1990", lambda: setattr(tl.years, "value", (1950, 1990))),
        ("search 'treaty'", lambda: setattr(tl.search, "value", "treaty")),
        ("search cleared", lambda: setattr(tl.search, "value", "")),
        ("category off", lambda: setattr(tl.category_boxes[first_cat], "value", False)),
        ("category on", lambda: setattr(tl.category_boxes[first_cat], "value", True)),
        ("era jump", lambda: setattr(tl.era, "value", "cold-war")),
        ("contested only", lambda: setattr(tl.contested_only, "value", True)),
        ("reset", tl.reset),
    ]


def bench(n: int, repeats: int) -> dict[str, float]:
    events = synthetic_events(n)
    tl = Timeline(events, ERAS)
    updates, rebuilds, update_bytes, rebuild_bytes = [], [], [], []
    for _ in range(repeats):
        for _name, op in operations(tl):
            JsonComm.sent_bytes = 0
            t0 = time.perf_counter()
            op()
            updates.append(time.perf_counter() - t0)
            update_bytes.append(JsonComm.sent_bytes)

            JsonComm.sent_bytes = 0
            t0 = time.perf_counter()
            fig = build_figure(tl.events, tl.eras, idx=tl.matching)
            children = list(tl.children)
            children[children.index(tl.figure)] = fig
            tl.children = children
            rebuilds.append(time.perf_counter() - t0)
            rebuild_bytes.append(JsonComm.sent_bytes)
            children[children.index(fig)] = tl.figure
            tl.children = children
            fig.close()
    up, re_ = statistics.median(updates) * 1000, statistics.median(rebuilds) * 1000
    return {
        "n": n,
        "update_ms": up,
        "update_max_ms": max(updates) * 1000,
        "rebuild_ms": re_,
        "ratio": re_ / up,
        "update_kb": statistics.median(update_bytes) / 1024,
        "rebuild_kb": statistics.median(rebuild_bytes) / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    repeats = 2 if "--quick" in args else 5
    bench(100, 1)  # warm up imports and caches
    rows = [bench(n, repeats) for n in (100, 1_000, 10_000)]
    print(f"{'events':>7} | {'update median':>13} | {'update max':>10} | {'rebuild median':>14} | {'rebuild/update':>14} | {'msg KB upd/rebuild':>18}")
    print("-" * 92)
    for r in rows:
        print(
            f"{r['n']:>7,} | {r['update_ms']:>10.2f} ms | {r['update_max_ms']:>7.2f} ms | {r['rebuild_ms']:>11.2f} ms | "
            f"{r['ratio']:>13.1f}x | {r['update_kb']:>8.1f} / {r['rebuild_kb']:<8.1f}"
        )
    big = rows[-1]
    ok = big["update_ms"] < 50 and all(r["ratio"] >= 10 for r in rows)
    print(f"\ntarget (10,000 events: update < 50 ms; every size >= 10x faster than a rebuild): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
