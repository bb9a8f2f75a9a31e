"""Fixture data shared by the timeline tests: a small invented data set and an event maker."""

from __future__ import annotations

from widgets.data import Event, PartialDate, Source


PLAYERS = '''
[[players]]
id = "alice-adams"
name = "Alice Adams"
kind = "person"
country = "United States"
profile = "A fictional US negotiator."
sources = [{ title = "Adams", url = "https://example.org/adams" }]
[[players.roles]]
title = "Negotiator"
kind = "negotiator"
organisation = "United States"
start = "1970-01-01"
end = "1990-01-01"

[[players]]
id = "recep-erdogan-test"
name = "Recep Erdoğan"
kind = "person"
country = "Turkey"
profile = "A fictional host."
sources = [{ title = "Host", url = "https://example.org/host" }]
[[players.roles]]
title = "Host"
kind = "host"
organisation = "Turkey"
start = "2000-01-01"
end = "2020-01-01"
'''


EVENTS = '''
[[events]]
id = "first-treaty"
date = "1963-08-05"
title = "First treaty signed"
category = "arms-control"
place = "Moscow"
summary = "The two sides banned some tests."
significance = "A first limit on testing."
actors = ["alice-adams"]
sources = [{ title = "Treaty page", url = "https://example.org/treaty?a=1&b=2" }]

[[events]]
id = "big-summit"
date = "1985-11-19"
end_date = "1985-11-21"
title = "A big summit in Geneva"
category = "summit"
place = "Geneva"
summary = "Leaders met for the first time."
significance = "Personal trust."
sources = [{ title = "Summit page", url = "https://example.org/summit" }]

[[events]]
id = "wall-opens"
date = "1989-11"
title = "A wall opens"
category = "political-change"
summary = "Crossing points opened <b>at night</b>."
significance = "Unification came onto the agenda."
sources = [{ title = "Wall page", url = "https://example.org/wall" }]

[[events]]
id = "contested-crisis"
date = "1999"
title = "A contested crisis <script>alert(1)</script>"
category = "crisis"
summary = "The two sides disagree about what happened."
significance = "Narratives matter."
actors = ["recep-erdogan-test"]
sources = [{ title = "Crisis page", url = "https://example.org/crisis" }]
[[events.narratives]]
side = "us"
attribution = "US Department of Example"
text = "A defensive step."
sources = [{ title = "US view", url = "https://example.org/us" }]
[[events.narratives]]
side = "russia"
attribution = "Russian Ministry of Example"
text = "An aggressive step."
sources = [{ title = "Russian view", url = "https://example.org/ru" }]

[[events]]
id = "grain-deal"
date = "2022-07-22"
end_date = "2023-07-17"
title = "Grain deal"
category = "mediation"
place = "Istanbul"
summary = "Ships carried grain under an agreed inspection regime."
significance = "A mediated deal during a war."
sources = [{ title = "Grain page", url = "https://example.org/grain" }]

[[events]]
id = "second-treaty"
date = "2010-04-08"
title = "Second treaty signed"
category = "arms-control"
summary = "A new limit on warheads."
significance = "Verification returned."
sources = [{ title = "Treaty page", url = "https://example.org/treaty?a=1&b=2" }]
'''


ERAS = """id,title,start,end,summary,source_title,source_url
cold,Cold War,1945-09-02,1991-12-25,The rivalry.,Eras,https://example.org/eras
after,After the Cold War,1991-12-26,,Since then.,Eras,https://example.org/eras
"""


def ids(events) -> list[str]:
    return [e.id for e in events]


SRC = (Source("S", "https://example.org/s"),)


def make_event(i: int, year: int, category: str = "summit", month=None, day=None, end=None, **kw) -> Event:
    fields = dict(
        id=f"e{i}", date=PartialDate(year, month, day), end_date=end, title=f"Event {i}", category=category,
        summary="summary", significance="significance", actors=(), sources=SRC,
    )
    fields.update(kw)
    return Event(**fields)
