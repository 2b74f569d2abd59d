"""The HTML views in a real browser: headless Chromium (Debian packages chromium + chromium-driver).

Loads the page from a file, as a user would, and checks the rendered DOM: the
marks, the counts beside the fact groups, the tooltip on focus, that a
`<script>` in the article stays text, and that the page's own script raised no
error. Skipped only when Chromium or its driver is not installed (.ci/run installs them).
"""

from __future__ import annotations

import os
import shutil

import pytest

from newsfacts.render import HtmlWriter, view_json
from newsfacts.render.facts import marks, nest

from .viewdocs import article

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

# CI sets NEWSFACTS_REQUIRE_BROWSER=1, so there a missing browser fails instead of skipping
REQUIRED = os.environ.get("NEWSFACTS_REQUIRE_BROWSER") == "1"
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER) and not REQUIRED, reason="needs chromium and chromium-driver")


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--disable-extensions", "--no-first-run"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def load(browser, tmp_path, docs, name="page.html"):
    import io

    out = io.StringIO()
    writer = HtmlWriter(out)
    for doc in docs:
        writer.write(view_json(doc))
    writer.close()
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    browser.get(path.as_uri())
    return path


def no_script_errors(browser) -> None:
    assert browser.execute_script("return window.__errors") == []
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def count_nodes(forest) -> int:
    return sum(1 + count_nodes(inner) for _, inner in forest)


def test_the_sample_page_renders_marks_and_counts(browser, tmp_path, sample_doc):
    from selenium.webdriver.common.by import By

    load(browser, tmp_path, [sample_doc])
    no_script_errors(browser)
    data = view_json(sample_doc)
    marked = browser.find_elements(By.CSS_SELECTOR, "article.text mark.f")
    assert len(marked) == count_nodes(nest(marks(data)))
    musk = [m for m in marked if m.get_attribute("data-normal") == "Илон Маск"]
    assert len(musk) == sum(e.normal == "Илон Маск" for e in sample_doc.entities)
    assert {m.text for m in musk} >= {"Илон Маск", "Маска"}
    # the article text is shown whole: marks add no characters
    assert browser.execute_script("return document.querySelector('article.text').textContent") == sample_doc.text
    for group in browser.find_elements(By.CSS_SELECTOR, "aside .group"):
        kind = group.get_attribute("data-kind")
        shown = int(group.find_element(By.CSS_SELECTOR, ".count").text)
        assert shown == len(group.find_elements(By.CSS_SELECTOR, "li")), kind
        if kind in ("PER", "ORG", "LOC", "HARDWARE"):
            assert shown == len({e.normal for e in sample_doc.entities if e.type == kind}), kind
        if kind == "ROLE":  # two posts named by one phrase: one mark, two lines
            assert shown == len(sample_doc.roles), kind
    people = browser.find_element(By.CSS_SELECTOR, '.group[data-kind="PER"] li[data-key="PER|Илон Маск"] .n')
    assert people.text == str(len(musk))


def test_focus_on_a_mark_shows_its_normal_form_and_details(browser, tmp_path, sample_doc):
    from selenium.webdriver.common.by import By

    load(browser, tmp_path, [sample_doc])
    tip = browser.find_element(By.ID, "tip")
    assert not tip.is_displayed()
    mark = next(m for m in browser.find_elements(By.CSS_SELECTOR, "mark.k-PER") if m.text == "Маска")
    browser.execute_script("arguments[0].focus()", mark)
    assert tip.is_displayed()
    assert tip.text.splitlines() == ["PER", "Илон Маск"]
    hw = browser.find_element(By.CSS_SELECTOR, 'mark.k-HARDWARE[data-normal="NVIDIA H100"]')
    browser.execute_script("arguments[0].focus()", hw)
    assert tip.text.splitlines() == ["HARDWARE", "NVIDIA H100", "vendor: NVIDIA", "category: GPU"]
    no_script_errors(browser)


def test_a_script_in_the_article_stays_text(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    load(browser, tmp_path, [article(), article("<img src=x onerror=alert(1)>.txt")])
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 - the property raises when no alert is open
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 2  # the page's own two
    assert len(browser.find_elements(By.TAG_NAME, "img")) == 0
    text = browser.execute_script("return document.querySelector('#doc-1 article.text').textContent")
    assert '<script>alert("x")</script>' in text
    index = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "nav.index a")]
    assert index == ["tests/article.txt", "<img src=x onerror=alert(1)>.txt"]
    no_script_errors(browser)


def test_the_corpus_page_draws_its_bar_charts(browser, tmp_path):
    from selenium.webdriver.common.by import By

    from newsfacts.render.corpus import page_html
    from newsfacts.top import from_documents

    from .viewdocs import second

    path = tmp_path / "top.html"
    path.write_text(page_html(from_documents(d.as_json() for d in [article(), second()])), encoding="utf-8")
    browser.get(path.as_uri())
    no_script_errors(browser)
    charts = browser.find_elements(By.CSS_SELECTOR, "figure.chart")
    assert [c.find_element(By.TAG_NAME, "figcaption").text for c in charts][:2] == [
        "People: most mentioned", "Organisations: most mentioned"]
    bars = charts[1].find_elements(By.CSS_SELECTOR, "rect")
    widths = [float(b.get_attribute("width")) for b in bars]
    assert len(widths) == 3 and widths == sorted(widths, reverse=True) and widths[0] == 300
