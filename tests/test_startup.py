"""`newsfacts --version` answers without loading what a run needs; the console script exits at once."""

import json
import subprocess
import sys
from importlib.metadata import version

from .conftest import ROOT


def test_version_names_the_versions_without_importing_the_run():
    from newsfacts import __version__
    from newsfacts.const import SCHEMA_VERSION
    from newsfacts.store import STORE_SCHEMA_VERSION

    code = (
        "import sys; from newsfacts.cli import main; sys.argv = ['newsfacts', '--version']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('numpy', 'sqlite3', 'newsfacts.store', 'importlib.metadata', 'natasha', 'rich')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == (
        f"newsfacts {__version__} (natasha {version('natasha')}, slovnet {version('slovnet')},"
        f" JSON schema {SCHEMA_VERSION}, store schema {STORE_SCHEMA_VERSION})"
    )
    assert out[1] == "[]"


def test_pymorphy_walks_its_dictionary_with_the_c_dawg():
    # pymorphy3[fast]: the pure-Python DAWG walk was ~15 % of the time per article
    from newsfacts.morph import get_morph, parse

    get_morph()
    import pymorphy3.dawg

    assert pymorphy3.dawg.DAWG.__module__ == "dawg"
    assert parse("процессоров")[0].normal_form == "процессор"


def _run_cli(prelude: str, *args: str) -> subprocess.CompletedProcess:
    code = f"import sys; {prelude}\nfrom newsfacts.cli import run\nsys.argv = ['newsfacts', *{list(args)!r}]\nrun()\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_the_console_script_leaves_at_once_having_done_what_exit_would(tmp_path):
    # exit handlers run (the cache files are written by one) and stdout is flushed whole
    mark = tmp_path / "atexit-ran"
    prelude = f"import atexit, pathlib; atexit.register(pathlib.Path({str(mark)!r}).write_text, 'yes')"
    done = _run_cli(prelude, "-f", "json", str(ROOT / "samples" / "twitter-gpus.txt"))
    assert done.returncode == 0 and mark.read_text() == "yes"
    assert json.loads(done.stdout)["entities"][0]["normal"] == "Илон Маск"
    # the exit codes are main()'s: a missing input 1, a usage error 2
    assert _run_cli("", str(tmp_path / "missing.txt")).returncode == 1
    assert _run_cli("", "--no-such-option").returncode == 2


def test_the_console_script_waits_for_a_thread_still_running(tmp_path):
    # a library's non-daemon thread: the interpreter's own exit waits for it, so the script does
    prelude = (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done', flush=True))).start()"
    )
    done = _run_cli(prelude, "--version")
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "thread done"
