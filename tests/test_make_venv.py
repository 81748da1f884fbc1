"""`make run`/`make test` pick a supported Python (issue 15): scripts/make_venv.sh, run as
the Makefile runs it, in a scratch folder with a fake older python3 on the PATH."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_venv.sh"
BASH = shutil.which("bash")
FAKE_PYTHON_310 = """#!/bin/sh
case "$*" in *version_info*) echo 3.10;; *) echo "an old python" >&2; exit 1;; esac
"""


def _bin(tmp_path: Path, name: str, **links: str) -> Path:
    """A folder holding a fake python3 (3.10) and symlinks name -> target."""
    folder = tmp_path / name
    folder.mkdir()
    fake = folder / "python3"
    fake.write_text(FAKE_PYTHON_310)
    fake.chmod(0o755)
    for link, target in links.items():
        (folder / link).symlink_to(target)
    return folder


def _run(tmp_path: Path, path: list[Path], *args: str) -> subprocess.CompletedProcess[str]:
    # Only the tools the script needs, so no python3.1x or uv of this machine is found.
    tools = tmp_path / "tools"
    if not tools.exists():
        tools.mkdir()
        for tool in ("rm", "env"):
            (tools / tool).symlink_to(shutil.which(tool))
    environment = {"PATH": os.pathsep.join(str(p) for p in [*path, tools]), "HOME": str(tmp_path)}
    return subprocess.run(
        [BASH, str(SCRIPT), *args],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_older_python3_gives_way_to_a_supported_python_on_the_path(tmp_path):
    found = _bin(tmp_path, "bin", **{"python3.11": sys.executable})
    done = _run(tmp_path, [found])
    assert done.returncode == 0, done.stderr
    assert "python3 is 3.10 (needs 3.11 to 3.13); using python3.11" in done.stderr
    version = subprocess.run(
        [tmp_path / ".venv" / "bin" / "python", "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert version.strip() == str(tuple(sys.version_info[:2]))
    # A second run keeps the venv (and says nothing).
    again = _run(tmp_path, [found])
    assert again.returncode == 0
    assert again.stdout == again.stderr == ""


def test_an_unsupported_python_named_by_hand_is_refused_and_the_venv_kept(tmp_path):
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "kept").write_text("")
    old = _bin(tmp_path, "bin")
    done = _run(tmp_path, [old], str(old / "python3"))
    assert done.returncode == 2
    assert "is 3.10; it must be Python 3.11, 3.12 or 3.13" in done.stderr
    assert (tmp_path / ".venv" / "kept").exists()


def test_without_a_supported_python_or_a_way_to_get_uv_it_says_what_to_install(tmp_path):
    done = _run(tmp_path, [_bin(tmp_path, "bin")])
    assert done.returncode == 2
    assert "using a uv-managed Python 3.12" in done.stderr
    assert "install python3.12 (or uv) first" in done.stderr
    assert not (tmp_path / ".venv").exists()
