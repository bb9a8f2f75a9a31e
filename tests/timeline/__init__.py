"""Tests of widgets/timeline/ (one module of tests per module of the package)."""
