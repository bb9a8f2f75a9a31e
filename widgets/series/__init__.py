"""Lesson 5: the series explorer and the scenario explorer.

- ``model``          pure: numbers as text, the trend sentence, data tables, the figure as plain dicts
- ``scenarios``      pure: indicator readings, weighing, estimates as progress-store attempts, the class summary of estimates
- ``explorer_view``  ``SeriesExplorer``: choose series, one time axis, key events, a table beside each chart
- ``scenario_view``  ``ScenarioExplorer``: scenarios with attributed views; weigh indicators, record an estimate
"""
