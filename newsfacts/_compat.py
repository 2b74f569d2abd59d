"""Make natasha and yargy import on Python 3.11+.

Both import ``pymorphy2``, whose 0.9.1 release calls ``inspect.getargspec``
(removed in 3.11) and needs ``pkg_resources`` (absent from fresh 3.12+ venvs).
pymorphy3 is its maintained, API-compatible fork, so we register it under the
old name before either library is imported.
"""

import sys


def install_pymorphy_alias() -> None:
    if "pymorphy2" in sys.modules and getattr(sys.modules["pymorphy2"], "__name__", "") == "pymorphy3":
        return
    import pymorphy3

    sys.modules["pymorphy2"] = pymorphy3
    for name in ("analyzer", "tagset", "units", "shapes", "opencorpora_dict", "lang"):
        sub = sys.modules.get(f"pymorphy3.{name}")
        if sub is not None:
            sys.modules[f"pymorphy2.{name}"] = sub
