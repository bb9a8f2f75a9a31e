"""Ship the course data in the wheel. Everything else is configured in pyproject.toml.

The repository's ``data/`` folder stays the one place authors edit; the wheel carries it as the
package ``widgets._coursedata`` (``widgets.data.default_data_dir()`` finds it there when the
course is installed from a wheel, e.g. ``pip install --no-deps .`` on a JupyterHub, or in
JupyterLite). pyproject.toml finds the ``widgets*`` packages; this adds the mapped one, which
package discovery cannot see because it lives outside ``widgets/``.
"""

import os

from setuptools import setup
from setuptools.command.build_py import build_py

COURSE_DATA = "widgets._coursedata"
HERE = os.path.dirname(os.path.abspath(__file__))


def _data_packages() -> list[str]:
    """widgets._coursedata and one package per subfolder of data/ (events, players, questions, ...)."""
    names = []
    for folder, dirs, _ in os.walk(os.path.join(HERE, "data")):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        rel = os.path.relpath(folder, os.path.join(HERE, "data"))
        names.append(COURSE_DATA if rel == "." else COURSE_DATA + "." + rel.replace(os.sep, "."))
    return names


class build_py_with_course_data(build_py):
    def finalize_options(self):
        for name in _data_packages():
            if name not in self.distribution.packages:
                self.distribution.packages.append(name)
        self.distribution.package_data.update({name: ["*"] for name in _data_packages()})
        super().finalize_options()


setup(
    package_dir={COURSE_DATA: "data"},
    cmdclass={"build_py": build_py_with_course_data},
)
