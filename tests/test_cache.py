"""The on-disk cache of derived lexicon data: same extractor whether it is cold, warm, broken or off."""

import pytest

from newsfacts import cache
from newsfacts.extractors import hardware


def _fresh_extractor():
    hardware._FIRST_SETS = None
    hardware._FIRST_SETS_NEW.clear()
    hardware._FIRST_SETS_USED.clear()
    return hardware.HardwareExtractor()


def _state(extractor, text):
    found = [(e.type, e.start, e.stop, e.normal) for e in extractor.find(text)]
    return extractor._gate.pattern, dict(extractor._buckets._sources), extractor._fold_first, found


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_cold_warm_broken_and_disabled_cache_build_the_same_extractor(cache_folder, sample_text, monkeypatch):
    text = sample_text + "\nNVIDIA H100, Snapdragon 8 Gen 3 и iPhone 15 Pro Max, а также Эльбрус-8СВ."
    cold = _state(_fresh_extractor(), text)
    files = list(cache_folder.glob("hardware-first-chars-*.json"))
    assert len(files) == 1
    assert cold[3]  # the comparison is over real mentions
    assert _state(_fresh_extractor(), text) == cold  # warm: read from the file
    files[0].write_text("{not json", encoding="utf-8")
    assert _state(_fresh_extractor(), text) == cold  # broken: computed again, file rewritten
    assert cache.load(files[0].name)
    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", "")
    assert cache.cache_dir() is None
    assert _state(_fresh_extractor(), text) == cold


def test_cache_name_changes_with_its_sources():
    assert cache.cache_name("x", b"a") == cache.cache_name("x", b"a")
    assert cache.cache_name("x", b"a") != cache.cache_name("x", b"b")
    assert cache.cache_name("x", b"ab", b"") != cache.cache_name("x", b"a", b"b")


def test_unwritable_cache_folder_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", str(blocker / "sub"))
    cache.save("a.json", {"k": 1})  # no exception, nothing written
    assert cache.load("a.json") == {}
