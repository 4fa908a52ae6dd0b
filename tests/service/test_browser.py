"""The questionnaire in a real browser (`tests.chromium`), served by uvicorn on loopback:
a person answers a Mon soutien psy path with the keyboard alone, on a desktop and on a phone
screen, and reads the answer, its reasons and its article. Screenshots: tests/artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from alinea.engine import RuleBase
from alinea.service import Service, create_app
from tests.chromium import ARTIFACTS, chromium
from tests.service.conftest import TODAY, serving
from tests.service.test_questionnaire import VISIO_FIRST

PHONE = (390, 844)
WIDER = "return document.documentElement.scrollWidth > innerWidth"


@pytest.fixture(scope="module")
def server(rules: RuleBase) -> Iterator[str]:
    with serving(create_app(Service(rules, today=lambda: TODAY))) as url:
        yield url


def left(driver: Any, element: Any) -> None:
    """Wait until the page holding `element` is replaced: reading the next page before it
    has loaded would find the old one's elements."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(element))


def answer_with_the_keyboard(driver: Any, answers: dict[str, str], shots: str) -> list[str]:
    """Answer each question from the focused control, as a keyboard user does; the facts."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    asked: list[str] = []
    while found := driver.find_elements(By.CSS_SELECTOR, "input[name=courante]"):
        fact = found[0].get_attribute("value")
        asked.append(fact)
        if len(asked) <= 2:
            driver.save_screenshot(str(ARTIFACTS / f"{shots}-question-{len(asked)}.png"))
        focused = driver.switch_to.active_element
        wanted = answers[fact]
        if focused.get_attribute("type") == "radio":
            values = [
                r.get_attribute("value")
                for r in driver.find_elements(By.CSS_SELECTOR, f'input[name="r:{fact}"]')
            ]
            index = values.index(wanted)
            focused.send_keys(Keys.SPACE if index == 0 else Keys.ARROW_DOWN * index)
            checked = driver.find_element(By.CSS_SELECTOR, f'input[name="r:{fact}"]:checked')
            assert checked.get_attribute("value") == wanted
            driver.switch_to.active_element.send_keys(Keys.ENTER)
        else:
            assert focused.get_attribute("id") == "reponse"
            focused.send_keys(wanted, Keys.ENTER)
        left(driver, found[0])
        assert len(asked) < 20
    return asked


def test_a_mon_soutien_psy_path_with_the_keyboard(server: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    with chromium((1280, 1000)) as driver:
        driver.get(server + "/")
        assert driver.title == "Quelle est votre question ? — alinea"
        driver.save_screenshot(str(ARTIFACTS / "questionnaire-accueil.png"))
        link = driver.find_element(
            By.LINK_TEXT, "Mes séances de psychologue sont-elles remboursées ?"
        )
        link.send_keys(Keys.ENTER)
        left(driver, link)
        style = driver.execute_script(
            "return getComputedStyle(document.activeElement).outlineStyle"
        )
        assert style == "solid"  # the focused field shows its focus
        asked = answer_with_the_keyboard(driver, VISIO_FIRST, "questionnaire")
        assert asked[0] == "age" and asked[-1] == "modalite_seance"
        main = driver.find_element(By.TAG_NAME, "main")
        answer = main.find_element(By.CLASS_NAME, "reponse").text
        assert answer == "Non : la prochaine séance n'est pas prise en charge par Mon soutien psy."
        headings = [h.text for h in main.find_elements(By.TAG_NAME, "h2")]
        assert headings == [
            "Réponse",
            "Pourquoi non",
            "Les textes appliqués",
            "Ce que la réponse suppose",
        ]
        cited = [h.text for h in main.find_elements(By.TAG_NAME, "h3")]
        assert cited[0] == "CSS R.162-68"
        quote = main.find_element(By.CSS_SELECTOR, ".citation blockquote").text
        assert quote.startswith("Le psychologue peut réaliser des séances par vidéotransmission")
        reasons = main.find_element(By.CLASS_NAME, "raisons").text
        assert "l'entretien d'évaluation (1re séance de l'année) a lieu en présentiel" in reasons
        driver.set_window_size(1280, 2200)
        driver.save_screenshot(str(ARTIFACTS / "questionnaire-reponse.png"))
        origins = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)"
        )
        assert set(origins) <= {server}  # nothing from outside: it works offline


def test_a_phone_screen_reads_without_sideways_scrolling(server: str) -> None:
    from selenium.webdriver.common.by import By

    with chromium() as driver:
        width, height = PHONE
        metrics = {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        driver.get(server + "/questionnaire/mon_soutien_psy.seance_prise_en_charge")
        assert driver.execute_script("return innerWidth") == width
        assert driver.execute_script(WIDER) is False
        buttons = driver.find_elements(By.CSS_SELECTOR, ".actions button")
        assert all(b.size["height"] >= 44 for b in buttons)
        answers = {**VISIO_FIRST, "modalite_seance": "presentiel"}
        answer_with_the_keyboard(driver, answers, "questionnaire-telephone")
        answer = driver.find_element(By.CLASS_NAME, "reponse").text
        assert (
            answer == "Oui : la prochaine séance est prise en charge (dispositif Mon soutien psy)."
        )
        assert driver.execute_script(WIDER) is False
        driver.save_screenshot(str(ARTIFACTS / "questionnaire-telephone-reponse.png"))
