"""Fixture data shared by the players tests: invented people, events and placements, and text helpers.

Everything runs on small synthetic data sets written to a temporary folder, so the tests do not
depend on the course's real data.
"""

from __future__ import annotations

import html
import json
import re


SRC = '{ title = "Fixture source", url = "https://example.org/source" }'
HOSTILE_NAME = "Eve <script>alert('name')</script> Hacker"
HOSTILE_PROFILE = 'A profile with <img src=x onerror="alert(1)"> and <script>alert(2)</script> inside.'


EVENTS = f"""
[[events]]
id = "treaty-one"
date = "2004-03-09"
title = "Treaty One signed"
category = "arms-control"
place = "Capital City"
actors = ["quinn-president", "lev-leader"]
summary = "The first fixture treaty."
significance = "It is a fixture."
sources = [{SRC}]

[[events]]
id = "summit-two"
date = "2003-07"
title = "Summit Two"
category = "summit"
summary = "A summit known only to the month."
significance = "It is a fixture."
sources = [{SRC}]

[[events]]
id = "talks-three"
date = "1999-06-01"
title = "Talks <b>Three</b>"
category = "diplomacy"
summary = "Talks with <script>alert(3)</script> in the summary."
significance = "It is a fixture."
sources = [{SRC}]
"""


def _player(pid, name, country, roles, negotiations=(), kind="person", profile="A fixture profile.", extra=""):
    neg = ", ".join(f'"{n}"' for n in negotiations)
    text = f"""
[[players]]
id = "{pid}"
name = "{name}"
kind = "{kind}"
country = "{country}"
profile = '''{profile}'''
negotiations = [{neg}]
sources = [{SRC}]
{extra}
"""
    for r in roles:
        text += "\n[[players.roles]]\n" + "\n".join(f"{k} = {_toml(v)}" for k, v in r.items()) + "\n"
    return text


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def _role(title, kind, start, end=None, office=None, acting=False, as_of=None, org="Fixture State"):
    r = {"title": title, "kind": kind, "organisation": org, "start": start}
    if end:
        r["end"] = end
    if office:
        r["office"] = office
    if acting:
        r["acting"] = True
    if as_of:
        r["as_of"] = as_of
    return r


PLAYERS = "".join([
    # US president: a handover on 2004-01-20.
    _player("pat-president", "Pat President", "United States",
            [_role("President", "head-of-state", "2000-01-20", "2004-01-20", "us-president")],
            ["talks-three"]),
    _player("quinn-president", "Quinn President", "United States",
            [_role("President", "head-of-state", "2004-01-20", "2008-01-20", "us-president")],
            ["treaty-one", "summit-two"]),
    # Secretary of state: a gap (2003-07-01 to 2003-07-09), then an acting holder, then an open term.
    _player("sam-secretary", "Sam Secretary", "United States",
            [_role("Secretary of State", "foreign-minister", "2000-01-25", "2003-06-30", "us-secretary-of-state")]),
    _player("alex-acting", "Alex Acting", "United States",
            [_role("Secretary of State", "foreign-minister", "2003-07-10", "2003-07-31", "us-secretary-of-state",
                   acting=True)]),
    _player("terry-secretary", "Terry Secretary", "United States",
            [_role("Secretary of State", "foreign-minister", "2003-08-01", None, "us-secretary-of-state",
                   as_of="2007-12-31"),
             _role("Special Envoy", "envoy", "1998-01-01", "1999-12-31")],
            ["treaty-one"]),
    # Foreign minister: one replaces the other on 2004-03-09.
    _player("mina-minister", "Mina Minister", "Russia",
            [_role("Minister of Foreign Affairs", "foreign-minister", "1999-05-01", "2004-03-09",
                   "soviet-russian-foreign-minister")],
            ["talks-three", "treaty-one"]),
    _player("nico-minister", "Nico Minister", "Russia",
            [_role("Minister of Foreign Affairs", "foreign-minister", "2004-03-09", "2008-01-20",
                   "soviet-russian-foreign-minister")]),
    # Leader: acting first, then elected.
    _player("lev-leader", "Lev Leader", "Russia",
            [_role("Acting President", "head-of-state", "1999-12-31", "2000-05-07", "soviet-russian-leader",
                   acting=True),
             _role("President", "head-of-state", "2000-05-07", "2008-05-07", "soviet-russian-leader")],
            ["treaty-one", "summit-two", "talks-three"]),
    # Others, no office.
    _player("zoe-advisor", "Zoë Ádvisor", "Russia",
            [_role("Aide to the President", "advisor", "2001-02", "2002")], ["summit-two"]),
    _player("org-one", "Organisation One", "United Nations",
            [_role("Host of talks", "host", "1999", "1999")], kind="organisation"),
])


HOSTILE = _player("eve-hacker", HOSTILE_NAME, "Elsewhere <i>land</i>",
                  [_role("Envoy <b>bold</b>", "envoy", "2001-01-01", "2001-12-31")],
                  ["talks-three"], profile=HOSTILE_PROFILE)


STAKEHOLDERS = """negotiation,player,interest,influence,justification,source_title,source_url
treaty-one,quinn-president,9,9,"Signed it.",Fixture source,https://example.org/a
treaty-one,lev-leader,8,9,"Signed it too.",Fixture source,https://example.org/b
treaty-one,org-one,3,2,"Watched from afar.",Fixture source,https://example.org/c
treaty-one,zoe-advisor,8,3,"Drafted notes.",Fixture source,https://example.org/d
summit-two,quinn-president,7,8,"Hosted it.",Fixture source,https://example.org/e
summit-two,eve-hacker,2,7,"<script>alert('row')</script> <img src=x onerror=alert(1)>",<b>Evil</b> source,https://example.org/f
"""


HOSTILE_ID = "eve-hacker"


def by_id(players, pid):
    return next(p for p in players if p.id == pid)


def card_names(deck):
    return [c.player.name for c in deck.shown_cards]


def visible_text(markup: str) -> str:
    """What a student reads: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def assert_no_live_markup(markup: str) -> None:
    assert "<script" not in markup.lower()
    assert "<img src=x" not in markup.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", markup, re.I), "an event-handler attribute reached the HTML"


def names(held, office):
    return [p.name for p, _ in held[office]]
