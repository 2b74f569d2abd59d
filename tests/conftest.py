import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Compiled patterns go to a cache of the test run's own (newsfacts.recache), never the user's.
os.environ["NEWSFACTS_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsfacts-test-cache-")
atexit.register(shutil.rmtree, os.environ["NEWSFACTS_CACHE_DIR"], True)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def extractor():
    from newsfacts import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def sample_text() -> str:
    return (SAMPLES / "twitter-gpus.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_doc(extractor, sample_text):
    return extractor.extract(sample_text, "samples/twitter-gpus.txt")


@pytest.fixture(autouse=True)
def _no_color(monkeypatch):
    # outputs compared in tests must not depend on the developer's terminal
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLUMNS", raising=False)


def pytest_addoption(parser):
    # `pytest --regen` rewrites golden files and README outputs instead of comparing them
    parser.addoption("--regen", action="store_true", help="rewrite tests/golden/*.json and README outputs")


@pytest.fixture(scope="session")
def regen(request) -> bool:
    return request.config.getoption("--regen")
