"""One version string, in pyproject.toml, and everything that shows a version agrees with it."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET

from tests.helpers import REPO, run_main
from vault.store.version import app_version, engine_versions, version_line

METAINFO = REPO / "packaging" / "linux" / "org.confidant.Confidant.metainfo.xml"


def _pyproject_version() -> str:
    with open(REPO / "pyproject.toml", "rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def test_the_installed_version_is_the_one_in_pyproject() -> None:
    assert app_version() == _pyproject_version()


def test_the_engine_versions_come_from_sqlcipher_itself() -> None:
    engine = engine_versions()
    assert re.match(r"4\.\d+\.\d+", engine.sqlcipher)
    assert re.match(r"3\.\d+\.\d+", engine.sqlite)


def test_version_on_the_command_line_names_confidant_sqlcipher_sqlite_and_python() -> None:
    result = run_main("--version")
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line == version_line("confidant")
    assert line.startswith(f"confidant {_pyproject_version()} (SQLCipher ")
    assert "SQLite " in line and "Python " in line


def test_the_newest_appstream_release_and_changelog_entry_are_this_version() -> None:
    version = _pyproject_version()
    releases = ET.parse(METAINFO).getroot().findall("./releases/release")
    assert releases[0].get("version") == version
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d\d-\d\d))?$", changelog, re.M)
    assert entries[0] == ("Unreleased", "")
    assert entries[1] == (version, releases[0].get("date"))
