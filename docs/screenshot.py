#!/usr/bin/env python
"""Draws docs/html-view.png, the README's picture of `newsfacts -f html samples/twitter-gpus.txt`.

    python docs/screenshot.py          # needs chromium and chromium-driver (Debian packages) and selenium

Headless Chromium at 1280 px wide, one name focused so its tooltip shows.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    page = subprocess.run([sys.executable, "-m", "newsfacts", "-f", "html", "samples/twitter-gpus.txt"], cwd=ROOT,
                          check=True, capture_output=True, text=True).stdout
    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "page.html"
            path.write_text(page, encoding="utf-8")
            driver.get(path.as_uri())
            mark = next(m for m in driver.find_elements(By.CSS_SELECTOR, "mark.k-HARDWARE") if m.text == "Hopper H100")
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1280, height + 140)  # the outer size: leave room for the window frame
            driver.execute_script("arguments[0].focus({preventScroll: true}); window.scrollTo(0, 0);", mark)
            out = ROOT / "docs" / "html-view.png"
            driver.save_screenshot(str(out))
            print(out)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
