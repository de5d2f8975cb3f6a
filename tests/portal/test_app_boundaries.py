"""The letters app stands on its own: `reports` may import `advisories`, never the reverse.

A department could run the letters without the citizens' reports; the number
rules both apps need live in `portal.phones`.
"""

import ast
from pathlib import Path

import advisories


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_no_module_of_advisories_imports_reports():
    root = Path(advisories.__file__).resolve().parent
    offenders = {
        str(path.relative_to(root)): module
        for path in root.rglob("*.py")
        for module in imported_modules(path)
        if module == "reports" or module.startswith("reports.")
    }
    assert offenders == {}
