"""Printable handouts for a role-play: one HTML file per role and the instructor's packet; pure.

``python -m widgets.roleplay.handouts [--out DIR] [--roleplay ID] [--data FOLDER]`` (``make handouts``)
writes ``<out>/<roleplay>/<role>.html`` for every role and ``<out>/<roleplay>/instructor.html``
(default ``_output/handouts``). A role's handout holds the general instructions (read by everyone),
the list of roles with their public lines, its own confidential brief, its own points table and a
blank deal sheet: never a sentence of another role's brief or another role's points. The
instructor's packet holds everything, with the scoring key (the Nash point, the Pareto front and
the best joint score). Every text is escaped; the files need no network and print on A4 or Letter.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..data import load_roleplay
from ..data.roleplay import RoleBrief, RolePlay
from ..ui.html import esc, paragraphs
from .scoring import Scorer, fmt

__all__ = ["role_handout", "instructor_packet", "write_handouts", "main"]

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; line-height: 1.45;
       max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.4em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; }
.tag { display: inline-block; border: 2px solid #C0392B; color: #8B1A10; padding: 0.1em 0.5em; font-weight: bold; }
table { border-collapse: collapse; margin: 0.5em 0; width: 100%; }
th, td { border: 1px solid #777; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.blank { min-width: 12em; }
.box { border: 1px solid #777; border-radius: 4px; padding: 0.4em 0.8em; margin: 0.6em 0; background: #F7F7F7; }
.small { font-size: 0.9em; color: #333; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  a { color: #000; text-decoration: underline; }
  .box { background: none; }
  h2 { break-after: avoid; } table, .box, li { break-inside: avoid; }
  .page { break-before: page; }
}
@page { margin: 18mm 16mm; }
"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>'
            f"<body>{body}</body></html>\n")


def _sources(sources) -> str:
    seen = {}
    for s in sources:
        seen.setdefault(s.url, s)
    items = "".join(f'<li>{esc(s.title)}: <a href="{esc(s.url)}">{esc(s.url)}</a></li>' for s in seen.values())
    return f'<ul class="small">{items}</ul>' if items else ""


def _general(rp: RolePlay) -> str:
    roles = "".join(f"<li><strong>{esc(r.title)}</strong>{'' if r.required else ' (optional role)'}: {esc(r.public)}</li>"
                    for r in rp.roles)
    issues = "".join(f"<li><strong>{esc(i.title)}</strong>: " + "; ".join(esc(o.label) for o in i.options) + "</li>"
                     for i in rp.scenario.issues)
    return (f"<h2>General instructions (everyone reads these)</h2>{paragraphs(rp.summary)}{paragraphs(rp.general)}"
            f"<h3>The roles</h3><ul>{roles}</ul><h3>The issues and their options</h3><ul>{issues}</ul>"
            f"<p>You have {rp.minutes} minutes.</p>"
            f'<div class="box small"><strong>A teaching model.</strong> {esc(rp.assumptions)}</div>')


def _points_table(rp: RolePlay, role: RoleBrief) -> str:
    if not role.has_points:
        return "<p>You have no points table.</p>"
    rows = []
    for issue, opts in zip(rp.scenario.issues, role.points):
        labels = {o.id: o.label for o in issue.options}
        for k, (oid, pts) in enumerate(opts):
            head = f'<th rowspan="{len(opts)}" scope="rowgroup">{esc(issue.title)}</th>' if k == 0 else ""
            rows.append(f'<tr>{head}<td>{esc(labels[oid])}</td><td class="num">{fmt(pts)}</td></tr>')
    return ('<table><caption class="small">Your points per option (teaching assumptions). A deal\'s value to you is '
            'the sum over the five issues.</caption><thead><tr><th scope="col">Issue</th><th scope="col">Option</th>'
            f'<th scope="col">Your points</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _batna_line(rp: RolePlay, role: RoleBrief) -> str:
    for p in rp.scenario.parties:
        if p.side == role.side:
            return f"<p><strong>Your BATNA:</strong> {fmt(p.batna)} points. {esc(p.batna_note)}</p>"
    return ""


def _deal_sheet(rp: RolePlay, role: RoleBrief, group: str = "") -> str:
    rows = "".join(f'<tr><th scope="row">{esc(i.title)}</th><td class="blank">&nbsp;</td></tr>' for i in rp.scenario.issues)
    survey = "".join(f"<li>{esc(s.question)} &nbsp; 1 &nbsp; 2 &nbsp; 3 &nbsp; 4 &nbsp; 5 &nbsp; 6 &nbsp; 7</li>" for s in rp.survey)
    return (f'<section class="page"><h2>Deal sheet: {esc(role.title)}</h2>'
            f"<p>Group: {esc(group) or '________'} &nbsp; Fill this in on your own, without looking at the other sheets. "
            "Then type it into the course's deal-sheet form (instructors/roleplay.ipynb) or give it to the instructor.</p>"
            "<p>Was an agreement reached? &nbsp; yes / no</p>"
            f'<table><thead><tr><th scope="col">Issue</th><th scope="col">Agreed option</th></tr></thead><tbody>{rows}</tbody></table>'
            f"<h3>Exit survey</h3><p class=\"small\">Circle one number: 1 = not at all, 7 = completely.</p><ol>{survey}</ol></section>")


def role_handout(rp: RolePlay, role_id: str) -> str:
    """The printable handout of one role: general instructions, its own brief and points, a deal sheet."""
    role = rp.role(role_id)
    body = (f"<h1>{esc(rp.title)}</h1><p><span class=\"tag\">Confidential: {esc(role.title)}</span></p>"
            f"{_general(rp)}"
            f'<section class="page"><h2>Your confidential brief: {esc(role.title)}</h2>'
            "<p class=\"small\">For your eyes only. Do not show it to the other roles.</p>"
            f"{paragraphs(role.confidential)}{_batna_line(rp, role)}{_points_table(rp, role)}"
            f"<h3>Sources for the background</h3>{_sources(role.sources)}</section>"
            f"{_deal_sheet(rp, role)}"
            f"<h3>Sources</h3>{_sources(rp.sources)}")
    return _page(f"{rp.title}: {role.title}", body)


def instructor_packet(rp: RolePlay) -> str:
    """Everything: the general instructions, every brief and points table, the scoring key, the debrief."""
    scorer = Scorer(rp)
    na, nb = scorer.names
    key = []
    if scorer.nash is not None:
        pa, pb = scorer.points[scorer.nash]
        key.append(f"<p><strong>Nash point</strong> ({na} {fmt(pa)}, {nb} {fmt(pb)}): {esc(scorer.short(scorer.nash))}.</p>")
    key.append(f"<p>{len(scorer.points)} packages; {len(scorer.zopa)} in the ZOPA (both at or above their BATNA); "
               f"{len(scorer.front)} on the Pareto front; the best joint score is {fmt(scorer.best_joint)}.</p>")
    front = "".join(f'<tr><td class="num">{fmt(scorer.points[i][0])}</td><td class="num">{fmt(scorer.points[i][1])}</td>'
                    f"<td>{esc(scorer.short(i))}</td></tr>" for i in scorer.front)
    key.append(f'<table><thead><tr><th scope="col">{esc(na)}</th><th scope="col">{esc(nb)}</th><th scope="col">Package on the Pareto front</th></tr></thead>'
               f"<tbody>{front}</tbody></table>")
    briefs = "".join(
        f'<section class="page"><h2>Brief: {esc(r.title)}{"" if r.required else " (optional)"}</h2>{paragraphs(r.confidential)}'
        f"{_batna_line(rp, r)}{_points_table(rp, r)}{_sources(r.sources)}</section>" for r in rp.roles)
    debrief = "".join(f"<li><strong>{esc(q.topic)}.</strong> {esc(q.question)}<br><em>Listen for:</em> {esc(q.listen_for)}"
                      f"{_sources(q.sources)}</li>" for q in rp.debrief)
    body = (f"<h1>{esc(rp.title)}: instructor's packet</h1>"
            f"<p>Scenario <code>{esc(rp.scenario.id)}</code> (lesson 3's lab). Hand each role only its own handout. "
            "Collect the deal sheets as CSV files in one folder (one per party per group) and open "
            "instructors/debrief.ipynb.</p>"
            f"{_general(rp)}"
            f'<section class="page"><h2>Scoring key</h2>{"".join(key)}</section>'
            f"{briefs}"
            f'<section class="page"><h2>Debrief questions</h2><ol>{debrief}</ol></section>'
            f"<h3>Sources</h3>{_sources(rp.sources)}{_sources(rp.scenario.sources)}")
    return _page(f"{rp.title}: instructor's packet", body)


def write_handouts(out: str | Path = "_output/handouts", roleplay_id: str = "strategic-arms-trilateral",
                   data_folder=None) -> list[Path]:
    rp = load_roleplay(roleplay_id, data_folder)
    folder = Path(out) / rp.id
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for role in rp.roles:
        path = folder / f"{role.id}.html"
        path.write_text(role_handout(rp, role.id), encoding="utf-8")
        written.append(path)
    path = folder / "instructor.html"
    path.write_text(instructor_packet(rp), encoding="utf-8")
    written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.roleplay.handouts", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="_output/handouts", help="output folder (default: _output/handouts)")
    parser.add_argument("--roleplay", default="strategic-arms-trilateral", help="role-play id (data/roleplay/<id>.toml)")
    parser.add_argument("--data", default=None, help="course data folder (default: the course's data/)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    from ..data import DataError
    try:
        paths = write_handouts(args.out, args.roleplay, args.data)
    except DataError as exc:
        for p in exc.problems:
            print(f"PROBLEM: {p}", file=sys.stderr)
        return 1
    for p in paths:
        print(p)
    print(f"{len(paths)} handouts written in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
