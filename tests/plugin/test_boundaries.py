"""Package boundaries of the plugin set (issue 20, item 1; docs/architecture.md).

The apps (`associations`, `mentors` with `mentors.internships`, `events`) and the shared core
(`samverka.core`, `samverka.people`) never import the reference site: `samverka.home`,
`samverka.orientation`, `samverka.settings`, `samverka.blocks` (kept only for old migrations)
or the site's demo code. `associations` imports neither `mentors` nor `events`; `mentors` and
`events` do not import each other; the core imports no app. Every module is read with `ast`,
imports inside functions included; migrations are the apps' history and are left out.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package name → folder
PACKAGES = {
    "samverka.core": ROOT / "site" / "core",
    "samverka.people": ROOT / "site" / "people",
    "associations": ROOT / "associations",
    "mentors": ROOT / "mentors",
    "events": ROOT / "events",
}
REFERENCE_SITE = [
    "samverka.home",
    "samverka.orientation",
    "samverka.settings",
    "samverka.blocks",
    "samverka.urls",
    "samverka.wsgi",
    "samverka.asgi",
]
FORBIDDEN = {
    "samverka.core": REFERENCE_SITE + ["associations", "mentors", "events", "coaching"],
    "samverka.people": REFERENCE_SITE + ["associations", "mentors", "events", "coaching"],
    "associations": REFERENCE_SITE + ["mentors", "events", "coaching"],
    "mentors": REFERENCE_SITE + ["events", "coaching"],
    "events": REFERENCE_SITE + ["mentors", "coaching"],
}


def module_name(package: str, path: Path) -> str:
    parts = path.relative_to(PACKAGES[package]).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([package, *parts])


def imported_names(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module an `import` or `from … import` names, relative imports resolved."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            if target:
                names.append((node.lineno, target))
            # `from samverka import blocks` imports samverka.blocks.
            names.extend(
                (node.lineno, f"{target}.{alias.name}" if target else alias.name)
                for alias in node.names
            )
    return names


# A model or module of the reference site named in a string ("home.HomePage" as a page type,
# "samverka.orientation..." as a dotted path) is a dependency too.
SITE_MODEL_LABEL = re.compile(r"^(home|orientation)\.[A-Za-z_]+$")
SITE_DOTTED_PATH = re.compile(r"^samverka\.(home|orientation|settings|blocks)(\.|$)")


def site_strings(tree: ast.AST) -> list[tuple[int, str]]:
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (SITE_MODEL_LABEL.match(node.value) or SITE_DOTTED_PATH.match(node.value))
    ]


def forbidden_imports(package: str) -> list[str]:
    found = []
    for path in sorted(PACKAGES[package].rglob("*.py")):
        relative = path.relative_to(PACKAGES[package])
        if "migrations" in relative.parts:
            continue
        # mentors.internships lives inside mentors: it answers to mentors' rules.
        module = module_name(package, path)
        tree = ast.parse(path.read_text(), filename=str(path))
        for line, name in imported_names(tree, module, path.name == "__init__.py"):
            for prefix in FORBIDDEN[package]:
                if name == prefix or name.startswith(prefix + "."):
                    found.append(f"{module}:{line} imports {name}")
        found.extend(f"{module}:{line} names {value}" for line, value in site_strings(tree))
    return found


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_no_forbidden_imports(package):
    assert forbidden_imports(package) == []


def test_the_check_finds_a_forbidden_import(tmp_path, monkeypatch):
    """The walk sees imports inside functions and relative ones."""
    folder = tmp_path / "events"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "bad.py").write_text(
        "def f():\n    from samverka.orientation.models import MeetingPlacePage\n"
        "from samverka import blocks\n"
        "import mentors.models\n"
        "parent_page_types = ['home.HomePage']\n"
        "from .conf import settings\n"
    )
    monkeypatch.setitem(PACKAGES, "events", folder)
    assert sorted(entry.split(" ", 1)[1] for entry in forbidden_imports("events")) == [
        "imports mentors.models",
        "imports samverka.blocks",
        "imports samverka.orientation.models",
        "imports samverka.orientation.models.MeetingPlacePage",
        "names home.HomePage",
    ]
