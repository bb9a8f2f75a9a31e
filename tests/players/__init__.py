"""Tests of widgets/players/ (one module of tests per concern of the package)."""
