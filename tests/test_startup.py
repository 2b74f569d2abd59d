"""`newsfacts --version` answers without loading what a run needs."""

import subprocess
import sys
from importlib.metadata import version


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
