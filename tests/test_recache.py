"""newsfacts.recache: compiled patterns from disk are the patterns re.compile makes."""

import json
import os
import re
import subprocess
import sys
import time

import pytest

from newsfacts import recache
from newsfacts.recache import PatternCache, cache_path

PATTERNS = [
    (r"(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>млрд|млн)\b", re.IGNORECASE),
    (r"(?<![\w-])(?:H100|A100|RTX\s?\d{4}(?:\s?Ti)?)(?![\w-])", 0),
    (r"(?i)снапдрагон|snapdragon", 0),
    (r"^\s*$", re.MULTILINE),
    (r"(a)|(b)(?P<c>c)?", re.S),
]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_cached_pattern_equals_re_compile(tmp_path, pattern, flags):
    cold = PatternCache(tmp_path / "re.marshal")
    first = cold.compile(pattern, flags)
    cold.save()
    warm = PatternCache(tmp_path / "re.marshal")
    second = warm.compile(pattern, flags)
    expected = re.compile(pattern, flags)
    # Pattern equality compares the pattern, the flags and the engine's code word for word
    assert first == expected and second == expected
    assert second.groupindex == expected.groupindex and second.groups == expected.groups
    assert second.flags == expected.flags


def test_the_second_run_compiles_nothing(tmp_path, monkeypatch):
    path = tmp_path / "re.marshal"
    cold = PatternCache(path)
    for pattern, flags in PATTERNS:
        cold.compile(pattern, flags)
    cold.save()

    def no_compiling(*args):
        raise AssertionError("compiled again")

    monkeypatch.setattr(recache, "_build", no_compiling)
    warm = PatternCache(path)
    m = warm.compile(*PATTERNS[0]).search("выручка 2,5 млрд рублей")
    assert (m.group("num"), m.group("unit")) == ("2,5", "млрд")


def test_every_pattern_of_a_run_is_cached_as_re_compiles_it(tmp_path):
    # a whole extraction in a child with its own cache, then each cached pattern checked against re
    env = dict(os.environ, NEWSFACTS_CACHE_DIR=str(tmp_path))
    subprocess.run(
        [sys.executable, "-m", "newsfacts", "-f", "jsonl", "-q", "samples/twitter-gpus.txt", "-o", os.devnull],
        env=env, check=True, cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    files = list(tmp_path.glob("re-*.marshal"))
    assert len(files) == 1
    cache = PatternCache(files[0])
    patterns = cache.patterns()
    assert len(patterns) > 100  # the hardware families, dates, units, names ... not a handful
    for pattern, flags in patterns:
        assert cache.compile(pattern, flags) == re.compile(pattern, flags), pattern[:80]


def test_a_damaged_file_costs_only_a_compile(tmp_path):
    path = tmp_path / "re.marshal"
    path.write_bytes(b"\x00not marshal at all")
    assert PatternCache(path).compile(r"\d+") == re.compile(r"\d+")


def test_code_the_engine_refuses_is_compiled_again(tmp_path):
    path = tmp_path / "re.marshal"
    cache = PatternCache(path)
    cache.compile(r"a+b")
    cache.save()
    broken = PatternCache(path)
    flags, code, *rest = broken._store.get((r"a+b", 0))
    broken._store._items[(r"a+b", 0)] = (flags, b"\xff\xff\xff\xff" * (len(code) // 4), *rest)
    assert broken.compile(r"a+b") == re.compile(r"a+b")


def test_a_bad_pattern_raises_re_error(tmp_path):
    with pytest.raises(re.error):
        PatternCache(tmp_path / "re.marshal").compile(r"(unclosed")


def test_an_unwritable_place_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = PatternCache(blocker / "sub" / "re.marshal")  # a folder under a file cannot be made
    assert cache.compile(r"x\d") == re.compile(r"x\d")
    cache.save()
    assert not (blocker.parent / "sub").exists()


def test_where_the_cache_lives(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", "")
    assert cache_path() is None  # set and empty: off
    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", str(tmp_path))
    assert cache_path().parent == tmp_path
    monkeypatch.delenv("NEWSFACTS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_path().parent == tmp_path / "xdg" / "newsfacts"
    # one file per exact Python version: the engine's code may change with any release
    assert ".".join(map(str, sys.version_info[:3])) in cache_path().name


def test_off_means_plain_re(monkeypatch):
    cache = PatternCache(None)
    assert cache.compile(r"\w+") == re.compile(r"\w+")
    cache.save()  # nothing to write, nowhere to write it


def test_write_atomic_writes_whole_files_or_says_it_could_not(tmp_path):
    from newsfacts.cachedir import write_atomic

    path = tmp_path / "a" / "b.bin"
    assert write_atomic(path, b"one") is True and path.read_bytes() == b"one"
    assert write_atomic(path, b"two") is True and path.read_bytes() == b"two"
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert write_atomic(blocker / "c.bin", b"x") is False
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "b.bin", "file"]  # no temporary left


def test_a_store_keeps_items_across_runs_and_merges_with_other_writers(tmp_path):
    from newsfacts.cachedir import Store

    path = tmp_path / "s.marshal"
    one, two = Store(path), Store(path)
    one.put(("a",), frozenset({"x"}))
    two.put(("b",), (None, True))
    one.save()
    two.save()  # a second process writing later keeps the first one's items
    back = Store(path)
    assert back.get(("a",)) == frozenset({"x"}) and back.get(("b",)) == (None, True)
    assert back.get(("c",), "none") == "none"
    small = Store(path, max_items=2)
    small.put(("c",), 1)
    small.get(("a",))
    small.save()  # past its bound the file keeps what this run used or added
    assert dict(Store(path).items()) == {("a",): frozenset({"x"}), ("c",): 1}


def test_memo_keeps_results_by_the_functions_source(tmp_path, monkeypatch):
    from newsfacts import cachedir

    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", str(tmp_path))
    source = tmp_path / "fn.py"
    source.write_text("v1")
    calls = []

    def square(x):
        calls.append(x)
        return x * x

    first = cachedir.memo("sq", str(source))(square)
    assert (first(3), first(3)) == (9, 9) and calls == [3]
    first.store.save()
    again = cachedir.memo("sq", str(source))(square)
    assert again(3) == 9 and calls == [3]  # read from the file: not called
    source.write_text("v2")  # the function changed: its old results are not used
    changed = cachedir.memo("sq", str(source))(square)
    assert changed(3) == 9 and calls == [3, 3]


def test_refirst_analyses_from_the_cache_equal_fresh_ones(tmp_path):
    # a child fills the cache, a second child reads it: the same analyses as computed afresh
    code = (
        "import json; from newsfacts.extractors import refirst as r; "
        "ps = ['(?:RTX|GTX)\\\\s?\\\\d{4}', 'Snapdragon\\\\s+8\\\\s+Gen\\\\s+[1-4]', '[Рр]изен|Ryzen', 'a?b*'];"
        "f = lambda p: [sorted(r.prefixes(p)), sorted(r.first_chars(p)[0] or []), r.first_chars(p)[1]];"
        "print(json.dumps([f(p) for p in ps]))"
    )
    env = dict(os.environ, NEWSFACTS_CACHE_DIR=str(tmp_path))
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert list(tmp_path.glob("refirst-*.marshal"))
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    off = dict(os.environ, NEWSFACTS_CACHE_DIR="")
    fresh = subprocess.run([sys.executable, "-c", code], env=off, capture_output=True, text=True, check=True).stdout
    assert cold == warm == fresh
    assert json.loads(fresh)[0][0] == ["gt", "rt"]


def test_a_store_finds_its_keys_from_another_process(tmp_path):
    # the index is by a hash of the marshalled key: it must not depend on the process
    code = (
        "import sys; from pathlib import Path; from newsfacts.cachedir import Store;"
        "s = Store(Path(sys.argv[1])); k = ('(?:' + 'ab' * 3 + ')', 2);"
        "print(s.get(k)); s.put(k, 'v'); s.put(('x',), 1); s.save()"
    )
    path = str(tmp_path / "s.marshal")
    first = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=True)
    assert (first.stdout, second.stdout) == ("None\n", "v\n")


def test_a_memo_file_of_an_older_version_is_removed_once_long_unwritten(tmp_path, monkeypatch):
    from newsfacts import cachedir

    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", str(tmp_path))
    old, recent = tmp_path / "sq-00000001.marshal", tmp_path / "sq-00000002.marshal"
    for path in (old, recent, tmp_path / "sq-00000001.marshal.lock", tmp_path / "other-00000001.marshal"):
        path.write_bytes(b"")
    month_ago = time.time() - 31 * 24 * 3600
    for path in (old, tmp_path / "other-00000001.marshal"):
        os.utime(path, (month_ago, month_ago))
    source = tmp_path / "fn.py"
    source.write_text("v3")
    square = cachedir.memo("sq", str(source))(lambda x: x * x)
    assert square(4) == 16
    square.store.save()
    # the older version's file and its lock are gone; one written lately stays, as does another memo's
    assert not old.exists() and not (tmp_path / "sq-00000001.marshal.lock").exists()
    assert recent.exists() and (tmp_path / "other-00000001.marshal").exists() and square.store.path.exists()


def test_forgetting_a_key_keeps_the_others_of_its_crc(tmp_path, monkeypatch):
    from newsfacts import cachedir
    from newsfacts.cachedir import Store

    monkeypatch.setattr(cachedir, "_crc", lambda key: 7)  # every key in one bucket
    path = tmp_path / "s.marshal"
    store = Store(path)
    store.put(("a",), 1)
    store.put(("b",), 2)
    store.save()
    back = Store(path)
    assert back.get(("a",)) == 1
    back.discard(("a",))
    assert (back.get(("a",)), back.get(("b",))) == (None, 2)


def test_no_home_directory_means_no_cache_not_an_error(monkeypatch):
    from pathlib import Path

    from newsfacts.cachedir import cache_dir

    for name in ("NEWSFACTS_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def nowhere():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(nowhere))
    assert cache_dir() is None
