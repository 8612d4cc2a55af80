#!/usr/bin/env python3
"""Drives the editors' preview page in headless chromium (run by scripts/browser-test.sh).

Checks, against a running `summarize serve`:
- typing an article produces three bullets, each with its length shown;
- clicking a bullet highlights exactly its sentence in the article, also
  when the article has non-ASCII text before it (UTF-8 offsets -> JS indices);
- hovering a bullet highlights its sentence;
- changing the bullet count re-summarizes;
- the Markdown to copy matches the bullets;
- pasted HTML is shown as text and never run;
- a dropped .html file is reduced to its article (extracted by the server, title first);
- no errors in the browser console.
Saves a screenshot of the page with a bullet selected.
"""
import argparse
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

failures = []


def check(condition, message):
    status = "ok  " if condition else "FAIL"
    print(f"  {status} {message}", flush=True)
    if not condition:
        failures.append(message)


def collapse(s):
    return " ".join(s.split())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--article", required=True)
    parser.add_argument("--screenshot", required=True)
    args = parser.parse_args()
    article = open(args.article, encoding="utf-8").read()

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1440,900", "--force-device-scale-factor=1", "--lang=en-US"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path: Selenium Manager never tries to download one.
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 20)
    try:
        run(driver, wait, args, article)
    finally:
        driver.quit()
    if failures:
        print(f"browser_test: {len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("browser_test: all checks passed")
    return 0


def points(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#points .point")


def wait_for_result(driver, wait, count):
    """Waits until the page shows `count` bullets computed for the current text."""
    wait.until(lambda d: d.find_element(By.ID, "status").get_attribute("data-state") == "ok"
               and len(points(d)) == count)


def set_text(driver, text):
    """Replaces the article as a paste would (one input event)."""
    driver.execute_script(
        "const t = document.getElementById('article'); t.value = arguments[0];"
        "t.dispatchEvent(new Event('input', {bubbles: true}));", text)


def active_mark_text(driver):
    marks = driver.find_elements(By.CSS_SELECTOR, "#backdrop mark.active")
    return [m.get_attribute("textContent") for m in marks]


def run(driver, wait, args, article):
    print("page")
    driver.get(args.url)
    check(driver.title == "Key points preview", f"title is 'Key points preview' (got {driver.title!r})")
    check(len(points(driver)) == 0, "no bullets before any text")

    print("typing an article")
    textarea = driver.find_element(By.ID, "article")
    textarea.click()
    textarea.send_keys(article)   # real key events, so the debounce is exercised
    wait_for_result(driver, wait, 3)
    check(driver.execute_script("return document.getElementById('article').value") == article.replace("\r\n", "\n"),
          "the textarea holds the typed article")
    bullets = points(driver)
    check(len(bullets) == 3, f"three bullets appear (got {len(bullets)})")
    for b in bullets:
        meta = b.find_element(By.CSS_SELECTOR, ".point-meta").text
        check("characters" in meta and "words" in meta, f"bullet shows its length: {meta!r}")
    backdrop_text = driver.execute_script("return document.getElementById('backdrop').textContent")
    check(backdrop_text.rstrip("\u200b") == article.replace("\r\n", "\n"), "the article is shown verbatim")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#backdrop mark")) == 3, "the three source sentences are marked")

    print("clicking a bullet")
    second = points(driver)[1]
    bullet_text = second.find_element(By.CSS_SELECTOR, ".point-text").text
    second.click()
    time.sleep(0.3)
    marked = active_mark_text(driver)
    check(len(marked) == 1, f"one sentence is highlighted after the click (got {len(marked)})")
    check(len(marked) == 1 and collapse(marked[0]) == collapse(bullet_text),
          f"the highlighted sentence is the bullet's sentence: {marked[:1]!r} vs {bullet_text!r}")
    check(len(marked) == 1 and marked[0] in article, "the highlight is a verbatim slice of the article")
    check("active" in second.get_attribute("class"), "the clicked bullet is marked as selected")

    print("hovering a bullet")
    first = points(driver)[0]
    ActionChains(driver).move_to_element(first).perform()
    time.sleep(0.2)
    first_text = first.find_element(By.CSS_SELECTOR, ".point-text").text
    marked = active_mark_text(driver)
    check(len(marked) == 1 and collapse(marked[0]) == collapse(first_text), "hovering highlights that bullet's sentence")
    ActionChains(driver).move_to_element(driver.find_element(By.CSS_SELECTOR, ".brand")).perform()
    time.sleep(0.2)
    marked = active_mark_text(driver)
    check(len(marked) == 1 and collapse(marked[0]) == collapse(bullet_text), "leaving the bullet returns to the clicked one")

    print("bullet count")
    driver.find_element(By.ID, "more").click()
    wait_for_result(driver, wait, 4)
    check(len(points(driver)) == 4, "'+' gives four bullets")
    driver.find_element(By.ID, "fewer").click()
    wait_for_result(driver, wait, 3)
    check(len(points(driver)) == 3, "'−' gives three again")

    print("markdown")
    markdown = driver.execute_script("return document.getElementById('markdown').textContent")
    expected = "## Key points\n\n" + "".join(f"- {b.find_element(By.CSS_SELECTOR, '.point-text').text}\n" for b in points(driver))
    check(markdown == expected, "the Markdown to copy is the header of the bullets shown")
    copy = driver.find_element(By.ID, "copy")
    check(copy.is_enabled(), "the copy button is enabled")
    copy.click()
    wait.until(lambda d: d.find_element(By.ID, "copied").text != "")
    check(driver.find_element(By.ID, "copied").text == "Copied", f"copy reports success ({driver.find_element(By.ID, 'copied').text!r})")

    print("non-ASCII text before the sentences")
    prefix = "Café 🚲 naïve résumé — 日本語の文。 "
    text = prefix + "\n\n" + article
    set_text(driver, text)
    wait_for_result(driver, wait, 3)
    ok = True
    for i, b in enumerate(points(driver)):
        b.click()
        time.sleep(0.15)
        marked = active_mark_text(driver)
        bt = b.find_element(By.CSS_SELECTOR, ".point-text").text
        ok = ok and len(marked) == 1 and collapse(marked[0]) == collapse(bt)
        b.click()  # unpin
    check(ok, "with emoji, accents and CJK before them, every bullet highlights exactly its sentence")

    print("pasted HTML stays text")
    hostile = ('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> '
               '<b>The council</b> approved the new budget for the harbour on Tuesday evening. '
               'The budget adds forty new buses to the harbour routes next year. '
               'Residents asked the council to publish the full <i>budget</i> before the vote.')
    set_text(driver, hostile)
    wait.until(lambda d: d.find_element(By.ID, "status").get_attribute("data-state") in ("ok", "error"))
    time.sleep(0.5)
    check(driver.execute_script("return window.__pwned === undefined"), "no pasted script or handler ran")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#backdrop img, #backdrop script, #backdrop b, #points img, #points b")) == 0,
          "no element was created from pasted markup")
    check("<img src=x" in driver.execute_script("return document.getElementById('backdrop').textContent"),
          "the markup is shown literally")

    print("dropping an .html file")
    html_file = ("<!doctype html><html><head><title>t</title><script>window.__pwned=3</script></head><body>"
                 "<nav>Home | News | Sport</nav><article><h1>Harbour buses</h1>"
                 "<p>The council approved forty new buses for the harbour routes on Tuesday.</p>"
                 "<p>The buses will run every ten minutes from the station to the ferry terminal.</p>"
                 "<p>Drivers will be hired from the two depots that closed last spring.</p></article>"
                 "<footer>Subscribe to our newsletter</footer></body></html>")
    driver.execute_script(
        "const dt = new DataTransfer();"
        "dt.items.add(new File([arguments[0]], 'story.html', {type: 'text/html'}));"
        "document.getElementById('editor').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
        html_file)
    wait.until(lambda d: d.execute_script("return document.getElementById('article').value").startswith("Harbour buses"))
    value = driver.execute_script("return document.getElementById('article').value")
    check(value.startswith("Harbour buses\n\nThe council approved"), f"a dropped .html file becomes its text: {value[:60]!r}")
    check("Subscribe" not in value and "Home | News" not in value, "navigation and footer are left out")
    check(driver.execute_script("return window.__pwned === undefined"), "the dropped file's script did not run")
    wait.until(lambda d: d.find_element(By.ID, "status").get_attribute("data-state") == "ok" and len(points(d)) >= 1)
    check(len(points(driver)) >= 1, "the dropped story gets bullets")

    print("console")
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    check(not errors, f"no errors in the browser console: {errors[:3]}")

    print("screenshot")
    set_text(driver, article)
    wait_for_result(driver, wait, 3)
    points(driver)[0].click()
    time.sleep(0.3)
    driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.5)
    driver.save_screenshot(args.screenshot)
    print(f"  saved {args.screenshot}")


if __name__ == "__main__":
    sys.exit(main())
