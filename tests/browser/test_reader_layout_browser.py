"""Issue 16, measured in Chromium: safety text at body size, each box its own style, the
urgent box on the first phone screen, the home page as a landing page, diagrams filling
the lightbox, titles in full contrast."""

from __future__ import annotations

import pytest
from testkit.pages import DOCS, front_matter

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
BOX_STYLE = """sel => { const e = document.querySelector(sel); const s = getComputedStyle(e);
  const t = getComputedStyle(e.querySelector('p:not(.admonition-title), li') || e);
  return {font: parseFloat(t.fontSize), bg: s.backgroundColor, border: s.borderLeftColor,
          top: e.getBoundingClientRect().top + scrollY}; }"""
BOXES = {
    "urgent": ".admonition.danger",
    "risks": ".admonition.warning:not(.site-disclaimer)",
    "key points": ".admonition.abstract",
    "disclaimer": ".site-disclaimer",
}
URGENT_PAGES = sorted(
    p.relative_to(DOCS).with_suffix("").as_posix() + "/"
    for p in (DOCS / "conditions").glob("*.md")
    if '!!! danger "When to get urgent help"' in p.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_safety_boxes_are_body_size_and_each_has_its_own_style(browser, site_url, scheme):
    context = browser.new_context(viewport=LAPTOP, color_scheme=scheme)
    page = context.new_page()
    styles = {}
    for path, names in (
        ("conditions/spinal-metastases/", ["urgent", "key points", "disclaimer"]),
        ("treatments/oesophageal-stent/", ["risks"]),
    ):
        page.goto(site_url + path)
        body = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('article > p')).fontSize)"
        )
        assert body == 16, body
        for name in names:
            styles[name] = page.evaluate(BOX_STYLE, BOXES[name])
    context.close()
    for name, style in styles.items():
        assert style["font"] >= 16, (name, style)  # was 12.8 px
    looks = {(s["bg"], s["border"]) for s in styles.values()}
    assert len(looks) == len(styles), styles


def test_urgent_box_is_on_the_first_phone_screen(browser, site_url):
    assert len(URGENT_PAGES) >= 5
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    tops = {}
    for path in URGENT_PAGES:
        page.goto(site_url + path)
        tops[path] = page.evaluate(BOX_STYLE, BOXES["urgent"])["top"]
    context.close()
    late = {path: top for path, top in tops.items() if top > PHONE["height"] - 100}
    assert not late, late  # the spinal page's was 1,700 px down


def test_titles_are_full_contrast_with_no_blank_band(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "conditions/spinal-metastases/")
    h1 = page.evaluate("""() => { const h = document.querySelector('article h1'); const s = getComputedStyle(h);
      const text = document.createRange(); text.selectNodeContents(h.firstChild);
      return {color: s.color, body: getComputedStyle(document.querySelector('article > p')).color,
              height: h.getBoundingClientRect().height, text: text.getBoundingClientRect().height,
              line: parseFloat(s.lineHeight)}; }""")
    context.close()
    assert h1["color"] == h1["body"], h1  # was the pale "light" grey
    assert h1["height"] < h1["text"] + h1["line"] / 2, h1  # no extra line for the hidden permalink


def test_home_page_is_a_landing_page(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url)
    first = page.locator("article .admonition.danger")
    assert first.locator("a").get_attribute("href").endswith("guides/cancer-emergencies/")
    tops = page.evaluate("""() => Object.fromEntries(['.admonition.danger', 'form.home-search',
      '#browse-conditions', '#browse-body', '#browse-treatments', '#about-this-site']
      .map(s => [s, document.querySelector(s).getBoundingClientRect().top + scrollY]))""")
    assert tops[".admonition.danger"] < PHONE["height"] / 2, tops
    assert tops["form.home-search"] < PHONE["height"], tops
    assert tops["#browse-conditions"] < 2 * PHONE["height"], tops
    assert list(tops.values()) == sorted(tops.values()), tops
    # Compact: each part-of-the-body card is its name and two closed lists, conditions and
    # treatments (the conditions are also tiles above); the page was 5,800 px on a phone.
    cards = page.evaluate("""() => [...document.querySelectorAll('#browse-body ~ .home-cards .home-card')]
      .map(c => ({height: c.getBoundingClientRect().height,
                  lists: [...c.querySelectorAll('details:not([open]) > summary')].map(s => s.textContent.trim())}))""")
    assert len(cards) >= 6, cards
    for card in cards:
        assert card["height"] < 260, card
        assert [name.split(" (")[0] for name in card["lists"]] in (
            ["Conditions", "Treatments"],
            ["Treatments"],
        ), card
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 5_300, height
    # Cards name pages by their titles, and the page ends without a "Next" to some page.
    for link in page.locator(".home-browse a").all()[:20]:
        href = link.get_attribute("href").split("#")[0].strip("./").rstrip("/")
        title = front_matter(DOCS / f"{href}.md")["title"]
        assert link.text_content().strip() == title  # closed lists too
    assert not page.locator(".md-footer__link--next").is_visible()
    # Every treatment is under a kind of treatment once.
    kinds = page.locator("#browse-treatments ~ .home-cards a, .home-card--kind a").all()
    treatments = {p.stem for p in (DOCS / "treatments").glob("*.md")}
    names = [a.get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for a in kinds]
    assert sorted(names) == sorted(treatments)
    context.close()


@pytest.mark.parametrize(("viewport", "least"), [(LAPTOP, 900), (PHONE, 390)])
def test_lightbox_scales_diagrams_to_the_screen(browser, site_url, viewport, least):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + "treatments/oesophageal-stent/")
    page.locator("a.glightbox").first.click()
    image = page.locator(".gslide.current .gslide-image img")
    image.wait_for(state="visible", timeout=5_000)
    page.wait_for_timeout(600)  # the zoom effect
    box = image.bounding_box()
    context.close()
    assert box["width"] >= least, box  # was 400 px
    assert box["x"] >= -1 and box["x"] + box["width"] <= viewport["width"] + 1, box
    assert box["y"] + box["height"] <= viewport["height"] + 1, box
