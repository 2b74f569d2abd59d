"""The README documents every option, and its two commands are the ones CI runs."""

import re

from newsfacts.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_option_is_in_the_readme_and_has_help():
    for param in cli.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("-"):
                assert f"`{opt}" in README or f", {opt}" in README, opt
        if param.param_type_name == "option":
            assert param.help, param.name


def test_readme_starts_with_the_two_commands_ci_runs():
    commands = re.findall(r"^    (pip install .+)$", README, re.M)
    assert commands[:2] == ["pip install . && newsfacts samples/twitter-gpus.txt", "pip install '.[test]' && pytest"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # the test extras may grow (test,parquet,...): the step installs them and runs pytest
    assert 'TEST_EXTRAS="test' in ci and 'pip install -q ".[$TEST_EXTRAS]"' in ci and "pytest -q" in ci
    assert "--upgrade pip" not in ci  # users install with the pip their Python ships
    assert "pip install -q . && newsfacts samples/twitter-gpus.txt" in ci
