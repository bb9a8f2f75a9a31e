"""The office lookup widget: a typed date, the holders on it, and who negotiated an event."""

from __future__ import annotations

import pytest

from widgets.data import load_events
from widgets.players.offices import negotiation_events, negotiators
from widgets.players.offices_view import OfficeLookup

from .support import assert_no_live_markup, visible_text


@pytest.mark.parametrize("bad, said", [
    ("1987-13-01", "not a real calendar date"),
    ("1987-02-30", "not a real calendar date"),
    ("8 Dec 1987", "is not a date written as YYYY-MM-DD"),
    ("", "Type a date as YYYY-MM-DD"),
])
def test_the_office_lookup_explains_bad_dates(folder, bad, said):
    w = OfficeLookup(folder=folder)
    w.date.value = "2004-03-09"
    w.date.value = bad
    assert said in visible_text(w.result.value) and 'role="alert"' in w.result.value


def test_the_office_lookup_widget_shows_the_holders_and_the_handover(folder):
    w = OfficeLookup(folder=folder)
    assert "course-widget" in w._dom_classes and "course-office-lookup" in w._dom_classes
    w.date.value = "2004-03-09"
    seen = visible_text(w.result.value)
    assert "Office-holders on 9 Mar 2004" in seen
    assert "Mina Minister" in seen and "Nico Minister" in seen and "Handover day: both holders count" in seen
    w.date.value = "2003-07-05"
    assert "vacant or no record" in visible_text(w.result.value)
    w.date.value = "2003-07-10"
    assert "Alex Acting (acting)" in visible_text(w.result.value)
    w.show_button.click()  # pressing the button again keeps the answer
    assert "Alex Acting (acting)" in visible_text(w.result.value)


def test_who_negotiated_it(folder, players):
    events = load_events(folder)
    assert [e.id for e in negotiation_events(players, events)] == ["talks-three", "summit-two", "treaty-one"]
    assert [p.id for p in negotiators("treaty-one", players)] == [
        "lev-leader", "mina-minister", "quinn-president", "terry-secretary"]
    w = OfficeLookup(folder=folder)
    w.event.value = "treaty-one"
    seen = visible_text(w.event_result.value)
    assert "Treaty One signed, 9 March 2004" in seen and "Office-holders on 9 Mar 2004" in seen
    assert "Mina Minister (also a negotiator of this event)" in seen
    assert "Nico Minister\n" in seen or "Nico Minister" + "Minister of Foreign Affairs" in seen.replace("\n", "")
    assert "Terry Secretary (United States)" in seen
    w.event.value = "summit-two"
    seen = visible_text(w.event_result.value)
    assert "at some time in July 2003 (the date is known only to the month)" in seen
    assert "Sam Secretary" not in seen  # left office on 30 June
    assert "Alex Acting (acting)" in seen and "Terry Secretary" not in seen  # from 1 August
    w.event.value = "talks-three"
    assert_no_live_markup(w.event_result.value)
