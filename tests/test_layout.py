"""The layout stays readable (issue 15): import-linter's layers contract places every
package of the project, so a new package cannot slip in unconstrained."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LINTER = PYPROJECT["tool"]["importlinter"]


def _layered_modules() -> set[str]:
    (contract,) = [c for c in LINTER["contracts"] if c["type"] == "layers"]
    names = set()
    for layer in contract["layers"]:
        for part in layer.replace("|", ":").split(":"):
            names.add(part.strip())
    return names


def _project_modules() -> set[str]:
    """Each root package's packages and modules one level down (ips: its modules too)."""
    found = set()
    for root in LINTER["root_packages"]:
        found.add(root)
        for child in (ROOT / root).iterdir():
            if child.name.startswith(("_", ".")) or child.name == "fonts":
                continue
            if child.suffix == ".py" or (child / "__init__.py").exists():
                found.add(f"{root}.{child.stem}")
    return found


def _placed(module: str, layered: set[str]) -> bool:
    parts = module.split(".")
    return any(".".join(parts[:n]) in layered for n in range(1, len(parts) + 1))


def test_every_package_of_the_project_is_in_a_layer():
    layered = _layered_modules()
    top = set(LINTER["root_packages"])
    assert top == {
        p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests"
    }, "a new top-level package must join root_packages and a layer"
    # ips is split across layers (its top and its core), so each of its modules is placed.
    ips_modules = {m for m in _project_modules() if m.startswith("ips.")}
    assert not {m for m in ips_modules if not _placed(m, layered)}
    assert not {m for m in top - {"ips"} if not _placed(m, layered)}


def test_the_public_site_is_independent_of_each_leadership_screen():
    pairs = {tuple(c["modules"]) for c in LINTER["contracts"] if c["type"] == "independence"}
    assert {("cms", "ips.fidelity"), ("cms", "reports"), ("cms", "importer")} <= pairs


def test_mypy_checks_every_models_selectors_and_services_module():
    """The comment above [tool.mypy] promises models, services and selectors are checked:
    each such module or package of the project is in `files` (itself or its folder)."""
    listed = {Path(f) for f in PYPROJECT["tool"]["mypy"]["files"]}
    roles = {"models", "selectors", "services"}
    found = {
        path.relative_to(ROOT).with_suffix("") if path.suffix else path.relative_to(ROOT)
        for root in LINTER["root_packages"]
        for path in (ROOT / root).rglob("*")
        if path.stem in roles
        and (path.suffix == ".py" or (path / "__init__.py").exists())
        and "migrations" not in path.parts
    }
    covered = {p.with_suffix("") if p.suffix == ".py" else p for p in listed}
    missing = {str(p) for p in found if not any(p == c or c in p.parents for c in covered)}
    assert not missing, f"add to [tool.mypy] files in pyproject.toml: {sorted(missing)}"
