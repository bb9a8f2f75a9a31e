"""The typed records every loader returns (frozen dataclasses) and the vocabularies they use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .dates import PartialDate


EVENT_CATEGORIES: tuple[str, ...] = (
    "diplomacy",
    "summit",
    "arms-control",
    "crisis",
    "conflict",
    "economic",
    "alliance",
    "political-change",
    "mediation",
)
PLAYER_KINDS: tuple[str, ...] = ("person", "state", "organisation")
ROLE_KINDS: tuple[str, ...] = (
    "head-of-state",
    "head-of-government",
    "foreign-minister",
    "negotiator",
    "envoy",
    "advisor",
    "mediator",
    "host",
    "official",
    "other",
)
# Offices that the "who held office when" lookup answers for.
OFFICES: tuple[str, ...] = (
    "us-president",
    "us-secretary-of-state",
    "soviet-russian-leader",
    "soviet-russian-foreign-minister",
)
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "order", "number", "written")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
SIDES: tuple[str, ...] = ("us", "russia", "other")
# What a source is (data/README.md): the course needs at least one source per record that is
# neither an encyclopedia nor state media.
SOURCE_KINDS: tuple[str, ...] = (
    "official",
    "archival",
    "treaty",
    "scholarly",
    "encyclopedia",
    "press",
    "state-media",
    "other",
)


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    kind: str = ""  # one of SOURCE_KINDS, or "" when the file does not say


@dataclass(frozen=True)
class Era:
    id: str
    title: str
    start: PartialDate
    end: PartialDate | None
    summary: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Narrative:
    side: str  # "us", "russia" or "other"
    attribution: str
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate
    end_date: PartialDate | None
    title: str
    category: str
    summary: str
    significance: str
    actors: tuple[str, ...]
    sources: tuple[Source, ...]
    narratives: tuple[Narrative, ...] = ()
    as_of: PartialDate | None = None
    place: str = ""

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def contested(self) -> bool:
        return bool(self.narratives)


@dataclass(frozen=True)
class Role:
    title: str
    kind: str
    organisation: str
    start: PartialDate
    end: PartialDate | None
    office: str = ""
    acting: bool = False
    as_of: PartialDate | None = None

    def holds_on(self, day: date) -> bool:
        """True if the role was held on ``day`` (start and end days both count)."""
        if day < self.start.first_day():
            return False
        if self.end is None:
            return self.as_of is None or day <= self.as_of.last_day()
        return day <= self.end.last_day()


@dataclass(frozen=True)
class Player:
    id: str
    name: str
    kind: str
    country: str
    profile: str
    roles: tuple[Role, ...]
    negotiations: tuple[str, ...]
    sources: tuple[Source, ...]
    portrait: str = ""
    portrait_licence: str = ""

    @property
    def initials(self) -> str:
        words = [w for w in re.split(r"[\s\-]+", self.name) if w and w[0].isalpha()]
        if not words:
            return "?"
        if len(words) == 1:
            return words[0][:2].upper()
        return (words[0][0] + words[-1][0]).upper()


# Case studies (lesson 4; data/README.md, "cases"). Phases of a case, in the order they usually come.
CASE_PHASE_KINDS: tuple[str, ...] = (
    "talks-opened", "interim-deal", "signature", "ratification", "referendum",
    "entry-into-force", "implementation", "suspension", "end",
)
# The factors the course codes for every case, from the mediation literature, in display order.
CASE_FACTORS: tuple[str, ...] = (
    "mediator", "deadline", "secrecy", "inclusivity", "sequencing", "verification", "guarantees", "ratification",
)
FACTOR_LEVELS: tuple[str, ...] = ("strong", "some", "none")
# Touval and Zartman's mediator roles (communicator-facilitator, formulator, manipulator), or none.
MEDIATOR_TYPES: tuple[str, ...] = ("none", "facilitator", "formulator", "manipulator")
CASE_STATUSES: tuple[str, ...] = ("holding", "eroded", "ended")


@dataclass(frozen=True)
class CasePhase:
    kind: str  # one of CASE_PHASE_KINDS
    date: PartialDate
    title: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class FactorCoding:
    factor: str  # one of CASE_FACTORS
    level: str  # one of FACTOR_LEVELS
    text: str
    judgement: bool  # True: the level is the course's own reading of what the sources say
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    start: PartialDate
    end: PartialDate | None
    place: str
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    summary: str
    outcome: str
    lessons: tuple[str, ...]
    events: tuple[str, ...]
    sources: tuple[Source, ...]
    # Lesson 4's structured fields; optional in the file, so a plain case still loads.
    mediator_type: str = ""
    status: str = ""
    status_as_of: PartialDate | None = None
    status_note: str = ""
    phases: tuple[CasePhase, ...] = ()
    factors: tuple[FactorCoding, ...] = ()

    def factor(self, name: str) -> FactorCoding | None:
        return next((f for f in self.factors if f.factor == name), None)


@dataclass(frozen=True)
class SeriesPoint:
    series: str
    date: PartialDate
    value: float
    unit: str
    note: str
    source: Source


@dataclass(frozen=True)
class Placement:
    negotiation: str
    player: str
    interest: float
    influence: float
    justification: str
    source: Source


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    explanation: str
    lesson: int
    section: str
    difficulty: str
    options: tuple[Option, ...] = ()
    items: tuple[str, ...] = ()  # "order": the items in their correct order
    answer: Any = None  # truefalse: bool; number: float
    tolerance: float = 0.0
    unit: str = ""
    model_answer: str = ""  # "written"
    hint: str = ""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    lesson: int
    questions: tuple[Question, ...]
    path: str = ""

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)


@dataclass(frozen=True)
class Lesson:
    number: int
    slug: str
    title: str
    minutes: int
    summary: str

    @property
    def filename(self) -> str:
        return f"{self.number:02d}_{self.slug}.ipynb"
