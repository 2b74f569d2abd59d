"""Cost of the HARDWARE matcher on inputs built to stress it, at 100 KB and 1 MB.

    python benchmarks/stress_hardware.py [--sizes 100000,1000000]

Prints seconds per size and the growth ratio for each input family; a linear
matcher shows a ratio near 10 (the limit we hold to is 12). Real articles are
in the table too, for scale.
"""

from __future__ import annotations

import argparse
import gc
import time

from newsfacts.extractors.hardware import HardwareExtractor

# Each family: a unit that is repeated up to the size asked for.
FAMILIES: dict[str, str] = {
    "дата- repeated": "дата-",
    "Илон Маск купил H100.": "Илон Маск купил H100. ",
    "capitalised run": "Xiaomi Redmi Lenovo Legion Samsung Galaxy Pro Max Ultra ",
    "digit run": "1234567890",
    "'1 ' repeated": "1 ",
    "models list": "RTX 4070, 4080 и 4090, vivo Y28 и Y38, iPhone 13, 14 и 15. ",
    "maker runs": "Lenovo Lenovo Lenovo Asus Asus MSI MSI ",
    "article-like": (
        "Компания Lenovo представила ноутбук Legion 5 Pro на процессоре AMD Ryzen 7 7840HS "
        "с видеокартой GeForce RTX 4060. Смартфон vivo X200 получил чип Dimensity 9400, "
        "а продажи выросли на 15% до 2,5 млрд рублей.\n\n"
    ),
}


def best_of(fn, text: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.collect()  # garbage of the round before is not this round's cost
        t0 = time.process_time()  # CPU time: the machine is shared
        fn(text)
        best = min(best, time.process_time() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100000,1000000", help="comma-separated sizes in characters")
    ap.add_argument("--rounds", type=int, default=3, help="best of this many runs (the machine is shared)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    hw = HardwareExtractor()
    hw.find(FAMILIES["article-like"])  # compile what a first article needs
    print(f"{'family':28}" + "".join(f"{s:>12,}" for s in sizes) + f"{'ratio':>8}")
    for name, unit in FAMILIES.items():
        secs = []
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            secs.append(best_of(hw.find, text, args.rounds))
        ratio = secs[-1] / secs[0] if secs[0] > 0 else float("nan")
        print(f"{name:28}" + "".join(f"{s:12.3f}" for s in secs) + f"{ratio:8.1f}")


if __name__ == "__main__":
    main()
