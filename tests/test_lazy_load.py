"""What a one-article run does not load: each saving of issue 11 stays saved.

Each check runs in a fresh interpreter, where nothing is imported or built yet.
"""

import json
import subprocess
import sys

from tests.conftest import ROOT, SAMPLES


def _run(code: str) -> list:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return json.loads(out.splitlines()[-1])


def test_json_output_of_one_article_does_not_import_rich():
    code = (
        "import json, sys; from newsfacts.cli import main\n"
        f"sys.argv = ['newsfacts', '-f', 'json', {str(SAMPLES / 'twitter-gpus.txt')!r}, '-o', '/dev/null']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')))"
    )
    assert _run(code) == []


def test_the_table_view_imports_rich_when_asked_for():
    code = (
        "import json, sys; from newsfacts.render import RENDERERS\n"
        "before = 'rich.console' in sys.modules\n"
        "cls = RENDERERS['table']\n"
        "print(json.dumps([before, cls.__name__, 'rich.console' in sys.modules]))"
    )
    assert _run(code) == [False, "TableWriter", True]


def test_the_case_blind_amount_trigger_is_compiled_for_the_first_text_that_needs_it(extractor):
    from newsfacts.extractors.quantities.tokens import Tokenizer

    tokenize = Tokenizer(extractor.quantities.lex.trigger_re)
    assert tokenize._any_case_re is None
    plain = tokenize.windows("Фирма Istanbul Tech заплатила 5 млн рублей.")
    assert tokenize._any_case_re is None  # lower() kept the length
    dotted = tokenize.windows("Фирма İstanbul Tech заплатила 5 млн рублей.")
    assert tokenize._any_case_re is not None
    assert dotted == plain


def test_a_known_name_does_not_compile_the_whole_vendor_pattern():
    code = (
        "import json; from newsfacts.extractors import lexicon as L\n"
        "found = [L.canonical_org(n) for n in ('Нвидиа', 'Самсунгом', 'Apple Inc.')]\n"
        "print(json.dumps(found + [L._vendor_re.cache_info().currsize]))"
    )
    assert _run(code) == ["NVIDIA", "Samsung", "Apple", 0]


def test_the_ner_and_syntax_models_share_their_word_list():
    from newsfacts.extractors.models import NER_FILE, SYNTAX_FILE, load_slovnet

    ner = load_slovnet(NER_FILE, vocabs=("word", "shape"))
    syntax = load_slovnet(SYNTAX_FILE, vocabs=("word", "rel"))
    assert ner.vocabs["word"] is syntax.vocabs["word"]  # one file, read once
    assert ner.vocabs["word"].encode("компания") == syntax.vocabs["word"].encode("компания") is not None


def test_the_collector_pauses_for_the_start_up_and_is_left_as_it_was():
    import gc

    from newsfacts.runner import _StartupCollector

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    collector = _StartupCollector()
    assert not gc.isenabled()  # models and lexicons load: nothing to collect
    threshold = gc.get_threshold()
    collector.resume()  # the first document is out
    assert gc.isenabled() and gc.get_freeze_count() > frozen
    # young objects are collected every 10,000 allocations, not Python's 700, for the run
    assert gc.get_threshold() == (max(threshold[0], 10_000), *threshold[1:])
    collector.resume()
    collector.restore()
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    assert gc.get_threshold() == threshold


def test_a_run_ends_with_the_collector_as_it_was(tmp_path):
    import gc

    from click.testing import CliRunner

    from newsfacts.cli import cli

    frozen, threshold = gc.get_freeze_count(), gc.get_threshold()
    result = CliRunner().invoke(cli, ["-f", "json", str(SAMPLES / "twitter-gpus.txt")])
    assert result.exit_code == 0
    assert json.loads(result.output)["entities"][0]["normal"] == "Илон Маск"
    assert gc.isenabled() and gc.get_freeze_count() == frozen and gc.get_threshold() == threshold


def test_a_worker_restarts_the_collector_its_parent_paused():
    import gc
    import signal

    from newsfacts import batch

    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    threshold = gc.get_threshold()
    gc.disable()
    try:
        batch._init_worker(False)
        assert gc.isenabled() and gc.get_threshold()[0] == max(threshold[0], 10_000)
        # the cache stores are saved when the worker ends (multiprocessing's finalizers run then)
        from multiprocessing import util

        from newsfacts import cachedir

        assert any(f._callback is cachedir.save_all for f in util._finalizer_registry.values())
    finally:
        gc.enable()
        gc.set_threshold(*threshold)
        signal.signal(signal.SIGINT, handlers[0])
        signal.signal(signal.SIGTERM, handlers[1])


def reference_lines(path) -> list[str]:
    """data/__init__.py's reading as it was: the file line by line."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.lstrip().startswith("#"):
                continue
            line = line.split(" #", 1)[0].split("\t#", 1)[0].rstrip("\r\n ")
            if line.strip():
                out.append(line)
    return out


def test_data_files_are_read_once_and_each_caller_gets_its_own_rows():
    from newsfacts.data import DATA_DIR, _lines, load_lines, load_rows

    for path in sorted(DATA_DIR.glob("*.t*")):
        assert list(load_lines(path.name)) == reference_lines(path), path.name
        assert list(load_rows(path.name)) == [[c.strip() for c in ln.split("\t")] for ln in reference_lines(path)]
    first = next(load_rows("posts.tsv"))
    first.append("changed by a caller")
    assert next(load_rows("posts.tsv")) == first[:-1]
    hits = _lines.cache_info().hits
    list(load_lines("posts.tsv"))
    assert _lines.cache_info().hits == hits + 1  # not read again


def test_a_word_list_unpacks_with_the_crc_of_its_gzip_trailer():
    import gzip
    import zlib

    from newsfacts.extractors.models import _gunzip

    data = "\n".join(f"слово{n}" for n in range(1000)).encode()
    assert _gunzip(gzip.compress(data)) == (data, zlib.crc32(data))
    assert _gunzip(gzip.compress(data[:10]) + gzip.compress(data[10:])) == (data, None)  # two members


def test_json_output_of_one_article_imports_neither_the_parquet_tables_nor_other_writers():
    code = (
        "import json, sys; from newsfacts.cli import main\n"
        f"sys.argv = ['newsfacts', '-f', 'json', {str(SAMPLES / 'twitter-gpus.txt')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in ('newsfacts.parquet', 'newsfacts.tables', 'newsfacts.render.page',"
        " 'newsfacts.render.delimited') if m in sys.modules)))"
    )
    assert _run(code) == []


def test_a_line_for_a_closed_stderr_is_dropped(monkeypatch, capsys):
    from newsfacts.runner import _Err

    err = _Err()
    err.print("newsfacts: one line")
    assert capsys.readouterr().err == "newsfacts: one line\n"  # plain, no rich console made
    assert err._console is None
    monkeypatch.setattr(sys, "stderr", None)  # what Python sets when started with 2>&-
    err.print("newsfacts: another line")  # no AttributeError


def test_error_lines_go_to_stderr_as_written(tmp_path):
    missing = tmp_path / "a:fire:[b].txt"
    proc = subprocess.run([sys.executable, "-m", "newsfacts", "-f", "json", str(missing)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0].startswith(f"newsfacts: {missing}: ")
