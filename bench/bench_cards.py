"""Card deck benchmark: how long a filter change takes, with the course's players and with 5,000.

    .venv/bin/python bench/bench_cards.py

For each data set it prints the median of several runs of:
  * ``filter_players`` alone (the pure function, including building its search index);
  * one filter change through the deck's own controls (index reused, status, the tenure chart
    updated in place, the first page of cards), for a narrow and a broad filter;
  * building the deck (``CardDeck(...)``) once.
"""

from __future__ import annotations

import random
import statistics
import sys
import time


from widgets.players import CardDeck, filter_players
from widgets.data import DataError, PartialDate, Player, Role, Source, load_events, load_players

KINDS = ("head-of-state", "foreign-minister", "negotiator", "envoy", "advisor", "official")
COUNTRIES = ("United States", "Russia", "Soviet Union", "Ukraine", "Turkey", "United Nations")
WORDS = "treaty summit arms control talks minister envoy ceasefire grain prisoners sanctions".split()


def synthetic_players(n: int, seed: int = 1) -> tuple[Player, ...]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        roles = []
        year = rng.randint(1900, 2020)
        for _ in range(rng.randint(1, 4)):
            length = rng.randint(0, 8)
            roles.append(Role(f"Role {i}", rng.choice(KINDS), rng.choice(COUNTRIES),
                              PartialDate(year, rng.randint(1, 12), rng.randint(1, 28)),
                              PartialDate(year + length, rng.randint(1, 12), rng.randint(1, 28))))
            year += length + rng.randint(0, 3)
        out.append(Player(
            id=f"p{i}", name=f"Person {i:05d} {rng.choice(WORDS).title()}", kind="person",
            country=rng.choice(COUNTRIES), profile=" ".join(rng.choice(WORDS) for _ in range(40)),
            roles=tuple(roles), negotiations=(), sources=(Source("s", "https://example.org"),),
        ))
    return tuple(out)


def median_ms(fn, repeat: int = 7) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs)


def bench(label: str, players, events=()) -> None:
    print(f"\n{label}: {len(players)} players")
    print(f"  filter_players (pure, country + year + word):  "
          f"{median_ms(lambda: filter_players(players, country='Russia', year=1987, query='minister')):8.2f} ms")
    t = time.perf_counter()
    deck = CardDeck(players, events)
    print(f"  build the deck:                                 {(time.perf_counter() - t) * 1000:8.2f} ms")

    def narrow():
        deck.search.value = "minister"
        deck.search.value = ""

    def broad():
        deck.country.value = "Russia"
        deck.country.value = None

    print(f"  one filter change via the controls (search):   {median_ms(narrow) / 2:8.2f} ms")
    print(f"  one filter change via the controls (country):  {median_ms(broad) / 2:8.2f} ms")


def main() -> int:
    try:
        bench("Course data", load_players(), load_events())
    except DataError as exc:
        print(f"Course data: not benchmarked, the data does not load yet:\n  {str(exc).splitlines()[0]}")
    bench("Synthetic", synthetic_players(5000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
