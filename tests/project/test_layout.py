"""The layout holds: the public names, the direction of imports, where Jinja internals live."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import apologykit as ak
from project_paths import ROOT

PACKAGE = ROOT / "src" / "apologykit"

#: The public API: a name added or dropped here is a release note.
PUBLIC = """
Agent ApologyKitError Brand CallbackScheduled Cancellation ChannelError CompensationOptions
ConfigError CustomOffer Customer CustomerAtFault Date DateTime DelayedDelivery DelayedResponse
Discount DuplicateKindError Duration FeedbackReceived Finding FollowUp FreeShipping FreeText
InaccurateInformation IncorrectTerms InputError KindDeclarationError LanguageError LocaleError
MissingTermsInfo MissingTranslationError Money Offer PluginError Refund RepeatedTransfers
Replacement Reply ReplyIntent ReplyKit ReplyWarning ResolutionThanks Review RudeAgent Scenario
ScenarioError ShortText ShortTranslations Span StoreCredit Team TemplateError TemplateFileError
TemplateLimitError TemplateNotFoundError TemplateProblem TemplateSecurityError Text Translations
UnknownKindError __version__ default_kit parse_scenario render review scenario_class
scenario_kinds
""".split()  # noqa: SIM905 (one name a word reads better than 67 quoted strings)


def test_the_public_names_are_the_pinned_ones() -> None:
    assert sorted(ak.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(ak, name) is not None


def test_review_and_render_stay_functions_whatever_is_imported() -> None:
    import apologykit.renderer.kit
    import apologykit.reviewer  # noqa: F401

    assert callable(ak.review) and not isinstance(ak.review, type(sys))
    assert callable(ak.render) and not isinstance(ak.render, type(sys))
    import apologykit.reviewer as reviewer

    assert isinstance(reviewer, type(sys)), "the reviewer's package, not the function"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """The contracts of pyproject.toml, checked on the package under ``root``/src."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_the_import_contracts_hold_and_a_wrong_arrow_breaks_them(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(PACKAGE, tmp_path / "src" / "apologykit")
    kept = lint_imports(tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    # The model must never know of the service.
    text = tmp_path / "src" / "apologykit" / "model" / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\nfrom ..server import settings\n")
    broken = lint_imports(tmp_path)
    assert broken.returncode != 0
    assert "apologykit.model is not allowed to import apologykit.server" in broken.stdout


#: Jinja modules that are its machinery rather than its documented API.
JINJA_PRIVATE = ("jinja2.compiler", "jinja2.idtracking", "jinja2.optimizer", "jinja2.debug")


def test_only_the_jinja_folder_imports_jinjas_compiler() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "_jinja" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offenders += [f"{path.relative_to(PACKAGE)}: {n}" for n in names if n in JINJA_PRIVATE]
    assert offenders == []
