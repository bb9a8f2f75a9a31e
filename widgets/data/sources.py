"""Source rules (issue 17): which hosts may not be cited at all, and which hosts have a fixed kind.

The loader applies ``host_problem`` to every source it reads, so a course folder that cites a children's
encyclopedia, a content farm, a blog, a forum or a propaganda-network site fails to load with a message
naming the file, the line and the URL. The record-level rules (every record has a source that is
neither an encyclopedia nor state media; state media alone only in that state's own narrative) are
checked on the course's own data by ``tests/test_content.py``, with the same vocabularies.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Children's and simple-English encyclopedias, content farms, blogs, forums, aggregators, mirrors and
# propaganda networks (the "Pravda" network exposed by VIGINUM publishes under news-pravda.com and
# pravda-xx.com hosts). Matched against the host name without a leading "www.".
BANNED_HOSTS = re.compile(
    r"(^|\.)(simple\.wikipedia\.org|kids\.britannica\.com|kiddle\.co|ducksters\.com|factmonster\.com"
    r"|macmillanexplorers\.com|kidzsearch\.com|wikikids\.[a-z.]+|natgeokids\.com|dkfindout\.com"
    r"|news-pravda\.com|pravda-[a-z]{2}\.com|who2\.com|thoughtco\.com|yourdictionary\.com"
    r"|jrank\.org|docslib\.org|indexarticles\.com|everand\.com|tpub\.com|dailypaul\.com|tyrantsanddictators\.com"
    r"|americasbesthistory\.com|historycentral\.com|historyplace\.com|presidentprofiles\.com|newser\.com"
    r"|armscontrolwonk\.com|allthingsnuclear\.org|reddit\.com|quora\.com|medium\.com|substack\.com"
    r"|wordpress\.com|alchetron\.com|famousbirthdays\.com|ranker\.com|theepochtimes\.com|eadaily\.com"
    r"|cs\.oswego\.edu|latinamericanstudies\.org|wikinews\.org|oxfordlearnersdictionaries\.com)$"
    r"|^(blog|blogs|weblogs|forum|forums)\.|\.blogspot\.", re.I)

# Hosts whose kind is not a matter of opinion: a source there must carry this kind (or none).
STATE_MEDIA_HOSTS = re.compile(
    r"(^|\.)(tass\.(com|ru)|ria\.ru|rt\.com|sputniknews\.[a-z.]+|sputnikglobe\.com|iz\.ru|rg\.ru|interaffairs\.ru"
    r"|xinhua(net)?\.(com|org)|news\.cn|globaltimes\.cn|people\.cn|cgtn\.com|chinadaily\.com\.cn|irna\.ir"
    r"|belta\.by|telesurenglish\.net|trtworld\.com|wam\.ae)$", re.I)
ENCYCLOPEDIA_HOSTS = re.compile(r"(^|\.)(wikipedia\.org|britannica\.com|encyclopedia\.com|universalis\.fr)$", re.I)

# Kinds that cannot be a record's only support for a neutral fact.
WEAK_KINDS = frozenset({"encyclopedia", "state-media"})


def host(url: str) -> str:
    """The URL's host name, lower-case, without a leading ``www.``."""
    name = (urlsplit(url).hostname or "").lower()
    return name[4:] if name.startswith("www.") else name


def host_problem(url: str, kind: str = "") -> str | None:
    """What is wrong with citing ``url`` as a source of ``kind`` ("" = not stated), or None."""
    name = host(url)
    if BANNED_HOSTS.search(name):
        return ("is not an acceptable source (children's or simple encyclopedias, content farms, blogs, forums, "
                "mirrors and propaganda networks are not allowed; cite the original, an archive, an official or "
                "scholarly page or reputable press)")
    if kind and STATE_MEDIA_HOSTS.search(name) and kind != "state-media":
        return f"is state media: its kind must be 'state-media', not {kind!r}"
    if kind and ENCYCLOPEDIA_HOSTS.search(name) and kind != "encyclopedia":
        return f"is an encyclopedia: its kind must be 'encyclopedia', not {kind!r}"
    return None
