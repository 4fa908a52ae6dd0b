"""`.ci/system-packages`: what `make test` and CI install, or the exact command to run.

Each test runs the script with a PATH of stubs only, so that the decision (nothing to do,
install as root, install through sudo, or stop with the command) is seen without touching
this machine: the `apt-get` stub only records how it was called.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / ".ci" / "system-packages"
ALL = "graphviz fonts-liberation chromium chromium-driver openjdk-17-jre-headless"
PRESENT = {
    "dot": "exit 0",
    "fc-list": 'echo "Liberation Sans"',
    "chromium": "exit 0",
    "chromedriver": "exit 0",
    "java": "exit 0",
}


class Machine:
    """A folder of stub commands standing for a machine's PATH."""

    def __init__(self, folder: Path, uid: int) -> None:
        self.folder = folder
        self.log = folder / "apt-get.log"
        folder.mkdir()
        self.stub("id", f"echo {uid}")
        self.stub("apt-get", f'echo "$*" >> {self.log}')

    def stub(self, name: str, body: str) -> None:
        path = self.folder / name
        path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        path.chmod(0o755)

    def run(self, **environment: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["/bin/bash", str(SCRIPT)],
            env={"PATH": str(self.folder), **environment},
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )

    @property
    def apt_calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def user(tmp_path: Path) -> Machine:
    return Machine(tmp_path / "bin", uid=1000)


@pytest.fixture
def root(tmp_path: Path) -> Machine:
    return Machine(tmp_path / "bin", uid=0)


def test_without_dot_nor_root_it_stops_at_once_with_the_exact_command(user: Machine) -> None:
    done = user.run()
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"alinea : paquets système manquants : {ALL}\n"
        f"alinea : lancez : sudo apt-get update && sudo apt-get install -y {ALL}\n"
        "alinea : puis relancez make test\n"
    )
    assert user.apt_calls == []


def test_only_the_missing_packages_are_named(user: Machine) -> None:
    for name, body in PRESENT.items():
        if name != "dot":
            user.stub(name, body)
    done = user.run()
    assert done.returncode == 1
    assert "lancez : sudo apt-get update && sudo apt-get install -y graphviz\n" in done.stderr


def test_nothing_is_done_when_everything_is_installed(user: Machine) -> None:
    for name, body in PRESENT.items():
        user.stub(name, body)
    done = user.run()
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert user.apt_calls == []


def test_a_dot_that_does_not_run_counts_as_missing(user: Machine) -> None:
    for name, body in PRESENT.items():
        user.stub(name, body)
    user.stub("dot", "exit 127")
    assert "install -y graphviz\n" in user.run().stderr


def test_root_installs_what_is_missing(root: Machine) -> None:
    for name, body in PRESENT.items():
        if name != "chromedriver":
            root.stub(name, body)
    done = root.run()
    assert done.returncode == 0
    assert done.stderr == "alinea : installation des paquets système manquants : chromium-driver\n"
    assert root.apt_calls == ["update -qq", "install -y -qq chromium-driver"]


def test_passwordless_sudo_installs_what_is_missing(user: Machine) -> None:
    user.stub("sudo", '[ "$1" = "-n" ] && exit 0; exec "$@"')
    done = user.run()
    assert done.returncode == 0
    assert user.apt_calls == ["update -qq", f"install -y -qq {ALL}"]


def test_a_failed_installation_says_what_to_run(root: Machine) -> None:
    root.stub("apt-get", "exit 100")
    done = root.run()
    assert done.returncode == 1
    assert done.stderr.endswith(
        f"alinea : l'installation a échoué ; lancez : apt-get update && apt-get install -y {ALL}\n"
    )


def test_without_apt_get_it_names_the_packages(user: Machine) -> None:
    (user.folder / "apt-get").unlink()
    done = user.run()
    assert done.returncode == 1
    assert done.stderr.startswith(f"alinea : paquets système manquants : {ALL} (Graphviz,")


def test_a_java_that_does_not_run_counts_as_missing(user: Machine) -> None:
    """Java runs Spark, for the test of `alinea batch --moteur spark`."""
    for name, body in PRESENT.items():
        user.stub(name, body)
    user.stub("java", "exit 1")
    assert "install -y openjdk-17-jre-headless\n" in user.run().stderr


def test_the_browser_is_not_required_when_its_test_is_skipped(user: Machine) -> None:
    for name in ("dot", "fc-list", "java"):
        user.stub(name, PRESENT[name])
    done = user.run(ALINEA_SKIP_BROWSER="1")
    assert (done.returncode, done.stderr) == (0, "")
