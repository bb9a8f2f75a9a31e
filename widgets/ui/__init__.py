"""Shared view helpers: every widget of the course builds its HTML, styles and figures from these.

- ``widgets.ui.html``: escaping, paragraphs, links, feedback boxes, source lists (pure strings).
- ``widgets.ui.style``: the course palette and the inline styles widgets share.
- ``widgets.ui.plot``: the one place plotly is imported (course template, lazy nbformat).
- ``widgets.ui.choices``: keyboard-safe radio, checkbox and ordering controls (anywidget).
"""
