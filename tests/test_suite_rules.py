"""Rules the test suite keeps about itself."""

import ast
from pathlib import Path

TESTS = Path(__file__).parent


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_test_module_imports_the_demo_package():
    offenders = sorted(
        f"{path.name}: {module}" for path in TESTS.glob("*.py") for module in imported_modules(path)
        if module == "certification.demo" or module.startswith("certification.demo.")
    )
    assert offenders == []
