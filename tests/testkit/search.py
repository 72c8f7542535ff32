"""Searching the built site as a reader does (Chromium via Playwright), and the queries
the search must answer: used by tests/browser/test_search_browser.py (hosted and
offline) and benchmarks/search_latency.py (hit rate and keystroke-to-results time)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from testkit.browser import is_local

# The result pages' paths and Material's count line ("3 matching documents", "No matching
# documents"; "Initializing search" and "Type to start searching" before there are results).
RESULTS = """() => ({
    count: document.querySelector('.md-search-result__meta').textContent.trim(),
    paths: [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link:first-child')]
        .map(a => new URL(a.href).pathname),
})"""


# The "Showing results for ..." line under the count (overrides/partials/search.html,
# search-correction.js): its text when shown ("" when hidden), whether it sits in a
# live region, and whether it is laid out above the first result.
CORRECTION = """() => {
    const line = document.querySelector('.search-correction__line');
    const first = document.querySelector('.md-search-result__item');
    const box = line.getBoundingClientRect();
    return {
        text: line.hidden ? '' : line.textContent.replace(/\\s+/g, ' ').trim(),
        strong: line.hidden ? '' : line.querySelector('strong').textContent,
        live: line.parentElement.getAttribute('role'),
        visible: !line.hidden && box.height > 0,
        above: !!first && box.bottom <= first.getBoundingClientRect().top,
    };
}"""
SHOWING = "Showing results for "


@dataclass(frozen=True)
class Query:
    """What a reader types, the pages (site paths, no suffix) that must be in the top
    `top` results, what kind of query it is, and the query search says it showed
    results for when it corrected a misspelt word ("" when it corrected nothing)."""

    text: str
    pages: tuple[str, ...]
    top: int
    kind: str
    corrected: str = ""

    def hits(self, found: list[str]) -> bool:
        return all(page in found[: self.top] for page in self.pages)


def _q(kind: str, text: str, top: int, *pages: str) -> Query:
    return Query(text, pages, top, kind)


def _typo(text: str, corrected: str, top: int, *pages: str) -> Query:
    return Query(text, pages, top, "misspelling", corrected)


C, T, G = "conditions/", "treatments/", "guides/"
EMERGENCIES = G + "cancer-emergencies"

QUERIES: tuple[Query, ...] = (
    # Emergency symptoms: the emergency page first.
    _q("emergency", "back pain and weak legs", 1, C + "spinal-metastases"),
    _q("emergency", "back pain and weak legs", 2, C + "spinal-metastases", EMERGENCIES),
    _q("emergency", "swollen face and neck", 1, C + "superior-vena-cava-obstruction"),
    _q("emergency", "temperature after chemo", 1, EMERGENCIES),
    _q("emergency", "fever during chemotherapy", 1, EMERGENCIES),
    _q("emergency", "high calcium", 1, C + "hypercalcaemia"),
    _q("emergency", "fluid around the heart", 1, C + "malignant-pericardial-effusion"),
    _q("emergency", "numb legs", 2, C + "spinal-metastases", EMERGENCIES),
    _q("emergency", "losing control of my bladder", 1, C + "spinal-metastases"),
    _q("emergency", "struggling to breathe", 3, C + "malignant-airway-obstruction", EMERGENCIES),
    _q("emergency", "coughing up blood", 1, EMERGENCIES),
    _q("emergency", "fits or seizures", 2, C + "brain-metastases", EMERGENCIES),
    # Symptoms.
    _q("symptom", "food gets stuck when I eat", 2, C + "malignant-dysphagia", T + "oesophageal-stent"),
    _q("symptom", "yellow skin and itching", 1, C + "malignant-biliary-obstruction"),
    _q("symptom", "yellow eyes", 2, C + "malignant-biliary-obstruction", T + "biliary-stent"),
    _q("symptom", "fluid in my tummy", 1, C + "malignant-ascites"),
    _q("symptom", "swollen belly", 2, C + "malignant-ascites", T + "ascites-drainage"),
    _q("symptom", "trouble swallowing", 1, C + "malignant-dysphagia"),
    _q("symptom", "short of breath fluid on the lung", 1, C + "malignant-pleural-effusion"),
    _q("symptom", "being sick and cannot poo", 1, C + "malignant-bowel-obstruction"),
    _q(
        "symptom", "not peeing", 2, C + "malignant-ureteric-obstruction", T + "nephrostomy-and-ureteric-stent"
    ),
    _q("symptom", "broken bone from cancer", 3, C + "bone-metastases", T + "prophylactic-fixation"),
    _q("symptom", "very thirsty and confused", 1, C + "hypercalcaemia"),
    # Everyday words for a treatment.
    _q("everyday", "bone cement", 1, T + "vertebroplasty"),
    _q("everyday", "food pipe stent", 1, T + "oesophageal-stent"),
    _q("everyday", "freezing a tumour", 3, T + "cryoablation"),
    _q("everyday", "kidney tube", 2, T + "nephrostomy-and-ureteric-stent"),
    _q("everyday", "pain pump", 1, T + "intrathecal-pump"),
    _q("everyday", "draining fluid from the tummy", 2, T + "ascites-drainage"),
    _q("everyday", "keyhole spine surgery", 1, T + "minimally-invasive-spine-surgery"),
    _q("everyday", "radiation for bone pain", 1, T + "palliative-radiotherapy"),
    _q("everyday", "hospice care", 1, T + "supportive-care"),
    _q("everyday", "second opinion", 3, G + "making-treatment-decisions"),
    _q("everyday", "heated chemotherapy", 1, T + "cytoreductive-surgery-and-hipec"),
    # Misspelt medical words.
    _typo("verteboplasty", "vertebroplasty", 1, T + "vertebroplasty"),
    _typo("kyfoplasty", "kyphoplasty", 1, T + "kyphoplasty"),
    _typo("metastectomy", "metastasectomy", 3, T + "metastasectomy"),
    _typo("pleurodisis", "pleurodesis", 1, T + "pleurodesis"),
    _typo("nefrostomy", "nephrostomy", 1, T + "nephrostomy-and-ureteric-stent"),
    _typo("cryoablasion", "cryoablation", 2, T + "cryoablation"),
    _typo("radiotheraphy", "radiotherapy", 3, T + "palliative-radiotherapy"),
    _typo("mesotheleoma", "mesothelioma", 1, C + "stage-4-mesothelioma"),
    _typo("kyfoplasty pain", "kyphoplasty pain", 1, T + "kyphoplasty"),
    # US spellings.
    _q("us-spelling", "esophageal stent", 1, T + "oesophageal-stent"),
    _q("us-spelling", "hypercalcemia", 1, C + "hypercalcaemia"),
    _q("us-spelling", "tumor embolization", 1, T + "embolisation"),
    _q("us-spelling", "spinal stabilization", 1, T + "spinal-decompression-and-stabilisation"),
    _q("us-spelling", "hemoptysis", 1, T + "embolisation"),
)


class SearchBox:
    """Material's search box in one browser tab, typed into as a reader types."""

    def __init__(self, page) -> None:
        self.page = page
        self.input = page.locator("input.md-search__input")

    def open(self) -> None:
        # At desktop width the search button is hidden: '/' focuses the box.
        self.page.keyboard.press("/")

    def clear(self) -> None:
        self.input.press("Control+a")
        self.input.press("Backspace")

    def query(self, text: str, settle: int = 3) -> list[str]:
        """Type `text` (fill() would not trigger Material's search) and return the result
        pages' paths ([] for none), once the list and its count have stayed the same
        `settle` times 100 ms apart."""
        self.clear()
        self.input.press_sequentially(text)
        return self.settled(text, settle)

    def settled(self, text: str, settle: int = 3) -> list[str]:
        """The results for `text`, just typed, once they stop changing (see `query`)."""
        previous, stable, deadline = None, 0, time.monotonic() + 15
        while stable < settle:
            if time.monotonic() > deadline:
                raise AssertionError(f"search results for {text!r} never settled: {previous}")
            self.page.wait_for_timeout(100)
            current = self.page.evaluate(RESULTS)
            done = current["count"] and current["count"][0].isdigit() or current["count"].startswith("No ")
            stable = stable + 1 if done and current == previous else 0
            previous = current
        return previous["paths"]


class SearchTab:
    """One tab on a site's home page with its search box open, reused for a module."""

    def __init__(self, browser, start: str, root_path: str, suffix: str, throttle: int = 1) -> None:
        """`throttle`: slow the tab's CPU that many times from before the page loads
        (benchmarks/search_latency.py's first-query measure)."""
        self.context = browser.new_context()
        self.page = self.context.new_page()
        if throttle != 1:
            cdp = self.context.new_cdp_session(self.page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on("request", lambda req: None if is_local(req.url) else self.external.append(req.url))
        self.page.goto(start)
        self.page.wait_for_load_state("load")
        self.box = SearchBox(self.page)
        self.box.open()
        self.root_path, self.suffix = root_path, suffix

    def search(self, text: str) -> list[str]:
        return [site_path(found, self.root_path, self.suffix) for found in self.box.query(text)]

    def correction(self) -> dict:
        """The "Showing results for ..." line as the last search left it (CORRECTION)."""
        return self.page.evaluate(CORRECTION)

    def close(self) -> None:
        self.context.close()
        assert not self.external, f"requests left the machine: {self.external}"
        assert not self.errors, f"console errors: {self.errors}"


def site_path(found: str, root_path: str, suffix: str) -> str:
    """A result's address as a site path: `/treatments/x/` or `<root>/treatments/x.html`
    -> `treatments/x`; the home page is ``."""
    path = found.removeprefix(root_path).strip("/")
    return path.removesuffix(suffix).removesuffix("index").strip("/")


def assert_finds(site: SearchTab, query: Query) -> None:
    found = site.search(query.text)
    assert query.hits(found), f"{query.text!r} -> {found[:6]}, wanted {query.pages} in the top {query.top}"
    # The home page lists every page: it ranks only when nothing else matches.
    assert "" not in found[:-1], f"{query.text!r}: the home page ranks above a page: {found}"
    # A corrected word is said above the results; a query searched as typed says nothing.
    line = site.correction()
    if query.corrected:
        assert line["text"] == SHOWING + query.corrected, f"{query.text!r}: {line}"
        assert line["strong"] == query.corrected and line["visible"] and line["above"], (
            f"{query.text!r}: {line}"
        )
    else:
        assert line["text"] == "" and not line["visible"], f"{query.text!r} was searched as typed: {line}"
