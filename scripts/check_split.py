"""Check that a module split into a package moved its code unchanged (issue 15).

Usage: python scripts/check_split.py GIT_REF OLD_MODULE_PATH NEW_PACKAGE_DIR ...
   e.g. python scripts/check_split.py main cms/services.py cms/services

For each (old module, new package) pair: every top-level def, class and assignment of the
old module (read from GIT_REF with `git show`) must exist exactly once among the new
package's modules with an identical AST (`ast.dump`, so comments, blank lines and line
numbers do not count; decorators, docstrings and bodies do). Imports are not compared: they
are rewritten by the split. Prints one line per pair; exits 1 on any difference.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path


def top_level(tree: ast.Module) -> dict[str, str]:
    """Name -> ast.dump of every top-level def/class/assignment of a module."""
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        else:
            continue
        for name in names:
            found[name] = ast.dump(node)
    return found


def compare(ref: str, old_path: str, new_dir: str) -> list[str]:
    """Problems found (empty: identical) between OLD_PATH at REF and the package NEW_DIR."""
    old_source = subprocess.run(
        ["git", "show", f"{ref}:{old_path}"], check=True, capture_output=True, text=True
    ).stdout
    old = top_level(ast.parse(old_source))
    new: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(Path(new_dir).glob("*.py")):
        for name, dump in top_level(ast.parse(path.read_text())).items():
            if name == "__all__":
                continue
            new.setdefault(name, []).append((str(path), dump))
    problems = []
    for name, dump in old.items():
        homes = new.get(name, [])
        if not homes:
            problems.append(f"{name}: missing")
        elif len(homes) > 1:
            problems.append(f"{name}: defined in {', '.join(p for p, _ in homes)}")
        elif homes[0][1] != dump:
            problems.append(f"{name}: changed in {homes[0][0]}")
    extra = sorted(set(new) - set(old))
    problems += [f"{name}: new in the package (not in the old module)" for name in extra]
    return problems


def main(argv: list[str]) -> int:
    ref, pairs = argv[0], argv[1:]
    failed = False
    for old_path, new_dir in zip(pairs[::2], pairs[1::2], strict=True):
        problems = compare(ref, old_path, new_dir)
        count = len(
            top_level(
                ast.parse(
                    subprocess.run(
                        ["git", "show", f"{ref}:{old_path}"],
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                )
            )
        )
        verdict = "identical" if not problems else "DIFFERENT"
        print(f"{old_path} -> {new_dir}/: {count} top-level names, {verdict}")
        for problem in problems:
            print(f"  {problem}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
