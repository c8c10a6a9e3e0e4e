"""The shell and the domains (issue 11): the covenant's domain depends only on partijen, so
meldingen and overleggen may read it without a cycle, and nothing outside the shell
(`convenant/site/`: navigation, home page, demo, loading every app's data) imports the shell.

The imports are read from the source (ast), lazy ones inside functions included.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("convenant", "partijen", "meldingen", "overleggen", "evaluatie")
SHELL = "convenant.site"
# What the covenant's domain must not import: the apps that read it, and the shell.
NIET_VOOR_HET_CONVENANT = ("meldingen", "overleggen", "evaluatie", SHELL)
# The project's root modules name the shell (its context processor, its pages and URLs).
WORTEL = {"convenant.settings", "convenant.urls"}


def _modules(app: str):
    """(dotted name, path) of every module of an app, its migrations left out."""
    for pad in sorted((ROOT / app).rglob("*.py")):
        delen = pad.relative_to(ROOT).with_suffix("").parts
        if "migrations" in delen:
            continue
        if delen[-1] == "__init__":
            delen = delen[:-1]
        yield ".".join(delen), pad


def _imports(naam: str, pad: Path):
    """(line, module, names) of every import statement of the module: `import a.b` gives a.b,
    `from a import b` gives a and a.b (b may be a module), relative imports resolved."""
    pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
    for node in ast.walk(ast.parse(pad.read_text(encoding="utf-8"), filename=str(pad))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, [alias.name]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                basis = pakket.split(".")[: len(pakket.split(".")) - node.level + 1]
                module = ".".join(basis + ([node.module] if node.module else []))
            else:
                module = node.module
            yield node.lineno, module, [module, *(f"{module}.{a.name}" for a in node.names)]


def _valt_onder(module: str, pakket: str) -> bool:
    return module == pakket or module.startswith(pakket + ".")


def _in_de_shell(naam: str) -> bool:
    return _valt_onder(naam, SHELL)


def test_the_covenants_domain_imports_neither_the_apps_that_read_it_nor_the_shell():
    modules = [(n, p) for n, p in _modules("convenant") if not _in_de_shell(n)]
    assert len(modules) > 10, "the scan found too few of convenant's modules"
    fouten = [
        f"{pad.relative_to(ROOT)}:{regel} imports {module}"
        for naam, pad in modules
        for regel, module, namen in _imports(naam, pad)
        if any(
            _valt_onder(n, verboden) and not (verboden == SHELL and naam in WORTEL)
            for n in namen
            for verboden in NIET_VOOR_HET_CONVENANT
        )
    ]
    assert not fouten, "\n".join(fouten)


def test_nothing_outside_the_shell_imports_it():
    fouten = [
        f"{pad.relative_to(ROOT)}:{regel} imports {module}"
        for app in APPS
        for naam, pad in _modules(app)
        if not _in_de_shell(naam) and naam not in WORTEL
        for regel, module, namen in _imports(naam, pad)
        if any(_in_de_shell(n) for n in namen)
    ]
    assert not fouten, "\n".join(fouten)
