"""The documentation site in a real browser (`tests.chromium`); screenshots land in
tests/artifacts/."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from alinea.engine import RuleBase
from alinea.visualize import site
from tests.chromium import ARTIFACTS, chromium

DAY = datetime.date(2026, 3, 1)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as driver:
        yield driver


@pytest.fixture(scope="module")
def doc(rules: RuleBase) -> Path:
    out = ARTIFACTS / "site"
    shutil.rmtree(out, ignore_errors=True)
    site.build(rules.program, out, DAY)
    return out


def test_index_rule_page_and_diagram_click(browser: object, doc: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    assert isinstance(browser, WebDriver)
    driver = browser
    driver.get((doc / "index.html").as_uri())
    assert driver.title == "Base de règles — alinea"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Base de règles"
    index_svg = driver.find_element(By.CSS_SELECTOR, "#dependances svg")
    assert index_svg.size["width"] > 300
    driver.save_screenshot(str(ARTIFACTS / "doc-index.png"))

    driver.find_element(By.LINK_TEXT, "la prochaine séance est prise en charge").click()
    WebDriverWait(driver, 10).until(expected_conditions.title_contains("prochaine séance"))
    diagram = driver.find_element(By.CSS_SELECTOR, ".diagramme svg")
    assert diagram.get_attribute("role") == "figure"
    assert diagram.size["width"] > 300 and diagram.size["height"] > 150
    texts = " ".join(t.text for t in diagram.find_elements(By.TAG_NAME, "text"))
    assert "CSS R.162-65" in texts and "CSS R.162-68" in texts
    driver.save_screenshot(str(ARTIFACTS / "doc-regle.png"))

    node = diagram.find_element(
        By.CSS_SELECTOR, 'a[*|href="../regles/mon_soutien_psy.eligible.html"]'
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", node)
    node.find_element(By.TAG_NAME, "text").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("mon_soutien_psy.eligible"))
    heading = driver.find_element(By.TAG_NAME, "h1").text
    assert heading == "le patient peut bénéficier de Mon soutien psy"


def test_search_box(browser: object, doc: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support.wait import WebDriverWait

    assert isinstance(browser, WebDriver)
    driver = browser
    driver.get((doc / "donnees" / "age.html").as_uri())
    driver.find_element(By.ID, "recherche-champ").send_keys("plafond R.162-65")
    results = WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#recherche-resultats a")
    )
    names = [r.find_element(By.CLASS_NAME, "nom").text for r in results]
    assert names[0] == "mon_soutien_psy.plafond_seances"
    assert "mon_soutien_psy.plafond_annuel" in names
    driver.save_screenshot(str(ARTIFACTS / "doc-recherche.png"))
    first = results[0].get_attribute("href") or ""
    results[0].click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url == first)
    assert (
        driver.find_element(By.TAG_NAME, "h1").text == "séances prises en charge par année civile"
    )
