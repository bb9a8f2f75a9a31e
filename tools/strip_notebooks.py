"""Execute lessons and store them lean: outputs and widget state stripped, checked outputs kept.

    python tools/strip_notebooks.py lessons/*.ipynb            # strip only
    python tools/strip_notebooks.py --execute lessons/*.ipynb  # run in a fresh kernel, then strip

Cells tagged ``nbval-check-output`` keep their (small, text) outputs, which nbval compares on
every test run; every other output, every execution count and ``metadata.widgets`` (which reaches
megabytes with one FigureWidget) is removed. This is nbstripout's behaviour with ``keep_output``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbstripout import strip_output

CHECK_TAG = "nbval-check-output"


def lean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        if CHECK_TAG in tags:
            cell.metadata["keep_output"] = True
            # Only text results are checked; drop rich reprs that would bloat the file.
            for out in cell.get("outputs", []):
                if "data" in out:
                    out["data"] = {k: v for k, v in out["data"].items() if k == "text/plain"}
        else:
            cell.metadata.pop("keep_output", None)
    nb = strip_output(nb, keep_output=False, keep_count=False, keep_id=True,
                      extra_keys=["metadata.widgets", "cell.metadata.execution"])
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        # nbval refuses a reference output without an execution count ("unrun reference cell");
        # the cell's position among code cells is a stable one that does not churn diffs.
        count = number if CHECK_TAG in cell.metadata.get("tags", []) else None
        cell.execution_count = count
        for out in cell.get("outputs", []):
            if "execution_count" in out:
                out["execution_count"] = count
    return nb


def execute(nb: nbformat.NotebookNode, path: Path) -> None:
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory() as progress:
        # Never touch the author's own self-check progress while refreshing outputs.
        os.environ["COURSE_PROGRESS_DIR"] = progress
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--execute", action="store_true", help="run each notebook first")
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args()
    for path in args.paths:
        nb = nbformat.read(path, as_version=4)
        if args.execute:
            execute(nb, path)
        nb = lean(nb)
        nbformat.validate(nb)
        nbformat.write(nb, path)
        print(f"{path}: {path.stat().st_size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
