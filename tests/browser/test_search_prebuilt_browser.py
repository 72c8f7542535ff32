"""The lunr index built at build time (search/lunr-index.js, hooks/act/lunr_index.py) gives
exactly the results Material's own worker gives when it builds its index in the browser:
the same pages, sections, order, scores, highlights, suggestions and corrections, for the
search queries of tests/testkit/search.py and a few more (common words, quotes, +/-),
hosted (a web worker) and from file:// (the iframe-worker shim). Material's own index is
what the same worker wrapper builds when lunr-index.js holds no index.

Each run drives the search worker as Material's bundle does: SETUP with the site's
search_index.json (or, offline, the inlined `__index`), then one QUERY at a time. READY
says whether the prebuilt index answers; if Material's worker stops building its index
as the wrapper expects, that turns false and these tests fail."""

from __future__ import annotations

import shutil

import pytest
from testkit.search import QUERIES

pytestmark = pytest.mark.browser

MORE = (
    "pain",
    "cancer",
    "stent",
    "the",
    "xyzzy",
    '"bone cement"',
    "+pain -back",
    "tumor",
    "back-pain",
    "kyfo",
)
TEXTS = [q.text for q in QUERIES] + list(MORE)
NO_INDEX = "self.lunrIndex = null;\n"

# Start the page's search worker (Material's configured URL: our wrapper) and search.
SEARCH = """async ([queries, change]) => {
    const config = JSON.parse(document.getElementById('__config').textContent);
    const base = new URL(config.base, location.href);
    const Kind = location.protocol === 'file:' ? window.IFrameWorker : window.Worker;
    const worker = new Kind(new URL(config.search, base).href);
    const index = window.__index || await (await fetch(new URL('search/search_index.json', base))).json();
    const docs = index.docs.map(doc => ({...doc}));
    if (change) docs[0].text += ' ' + change;
    const next = () => new Promise((resolve, reject) => {
        worker.addEventListener('message', event => resolve(event.data), {once: true});
        setTimeout(() => reject(new Error('the search worker did not answer')), 30000);
    });
    let reply = next();
    worker.postMessage({type: 0, data: {config: index.config, docs, options: {suggest: true}}});
    const ready = await reply;
    const results = [];
    for (const query of queries) {
        reply = next();
        worker.postMessage({type: 2, data: query});
        results.push((await reply).data);
    }
    return {ready, results};
}"""


def run(
    browser, url: str, texts: list[str], *, no_index: bool = False, change: str = "", index_script: str = ""
) -> dict:
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type in {"error", "warning"} else None)
        page.on("pageerror", lambda err: errors.append(str(err)))
        if no_index or index_script:  # hosted: the same site with no (or another) prebuilt index
            body = index_script or NO_INDEX
            page.route(
                "**/search/lunr-index.js",
                lambda route: route.fulfill(body=body, content_type="text/javascript"),
            )
        page.goto(url)
        page.wait_for_load_state("load")
        found = page.evaluate(SEARCH, [texts, change])
        found["console"] = errors
        assert index_script or not errors, errors
        return found
    finally:
        context.close()


@pytest.fixture(scope="module")
def offline_without_index(offline_root, tmp_path_factory):
    """A copy of the offline bundle whose lunr-index.js holds no index."""
    copy = tmp_path_factory.mktemp("offline-no-index") / offline_root.name
    shutil.copytree(offline_root, copy)
    (copy / "search" / "lunr-index.js").write_text(NO_INDEX, encoding="utf-8")
    return copy


def assert_same_results(prebuilt: dict, own: dict) -> None:
    assert prebuilt["ready"] == {"type": 1, "prebuilt": True}, (
        "the prebuilt index was not used: Material's worker no longer builds its index as "
        "search-worker.js (usePrebuilt) expects, or lunr-index.js does not match search_index.json"
    )
    assert own["ready"] == {"type": 1, "prebuilt": False}
    assert len(prebuilt["results"]) == len(TEXTS)
    for text, mine, theirs in zip(TEXTS, prebuilt["results"], own["results"], strict=True):
        assert mine == theirs, f"{text!r}: the prebuilt index answers differently"
    # Not a comparison of two empty lists: every query of the search tests finds pages.
    assert all(result["items"] for result in prebuilt["results"][: len(QUERIES)])


def test_the_prebuilt_index_gives_materials_own_results_hosted(browser, site_url):
    assert_same_results(run(browser, site_url, TEXTS), run(browser, site_url, TEXTS, no_index=True))


def test_the_prebuilt_index_gives_materials_own_results_offline(browser, offline_root, offline_without_index):
    assert_same_results(
        run(browser, (offline_root / "index.html").as_uri(), TEXTS),
        run(browser, (offline_without_index / "index.html").as_uri(), TEXTS),
    )


def test_entries_the_index_was_not_built_from_get_an_index_built_from_them(browser, site_url):
    # A page changed after the index was built (a stale cache): Material builds its own.
    found = run(browser, site_url, ["zyxwvutsrq"], change="zyxwvutsrq")
    assert found["ready"] == {"type": 1, "prebuilt": False}
    assert found["results"][0]["items"], "the changed entry is not found"


def test_a_broken_prebuilt_index_leaves_search_to_materials_own(browser, site_url):
    found = run(
        browser, site_url, ["bone cement"], index_script='self.lunrIndex = {"lunr": "2.3.9", "fields": 5};\n'
    )
    assert found["ready"] == {"type": 1, "prebuilt": False}
    assert found["results"][0]["items"]
    assert any("prebuilt index not used" in line for line in found["console"]), found["console"]


# Results the reader has typed past: the page (search-correction.js, around the Worker
# Material starts) passes on only the answer to the query it sent last. Two queries: the
# first answered while the page is busy (as a slow phone is, rendering), so its answer
# arrives after the second query went out.
TYPED_PAST = """async ([first, second, busy]) => {
    const config = JSON.parse(document.getElementById('__config').textContent);
    const base = new URL(config.base, location.href);
    const worker = new window.Worker(new URL(config.search, base).href);
    const index = window.__index || await (await fetch(new URL('search/search_index.json', base))).json();
    const answered = [];
    let ready;
    const isReady = new Promise((resolve, reject) => {
        ready = resolve;
        setTimeout(() => reject(new Error('the search worker never got ready')), 30000);
    });
    worker.addEventListener('message', event => {
        if (event.data.type === 1) ready();
        if (event.data.type === 3) answered.push(event.data.data.query);
    });
    worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: true}}});
    await isReady;
    const settle = () => new Promise(resolve => setTimeout(resolve, 1500));
    worker.postMessage({type: 2, data: first});
    if (busy) {
        const start = performance.now();
        while (performance.now() - start < 800);  // the worker answers meanwhile
    } else {
        await settle();
    }
    worker.postMessage({type: 2, data: second});
    await settle();
    return answered;
}"""


@pytest.mark.parametrize("where", ["hosted", "offline"])
def test_a_result_the_reader_has_typed_past_never_reaches_material(browser, site_url, offline_root, where):
    url = site_url if where == "hosted" else (offline_root / "index.html").as_uri()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate(TYPED_PAST, ["back pain", "back pain and weak legs", True]) == [
            "back pain and weak legs"
        ]
        # Answered in turn, both reach it: the check above is not of a worker that never answers.
        assert page.evaluate(TYPED_PAST, ["back pain", "back pain and weak legs", False]) == [
            "back pain",
            "back pain and weak legs",
        ]
    finally:
        context.close()
