"""``python -m widgets.data [FOLDER]``: check every data file of the course (or of FOLDER)."""

from .check import main

raise SystemExit(main())
