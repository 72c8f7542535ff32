"""Injected content and a visit that records what the Content-Security-Policy blocked: for the
browser tests of the policy in the hosted site, the offline bundle and the ZIM."""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

from testkit.browser import is_local

# What a pull request might slip past every check: an inline script and a request to another site.
INJECTED = (
    "<script>window.__injected = 'ran'</script>"
    '<img id="outside" src="https://outside.example/pixel.png" alt="x">'
)
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    `${e.effectiveDirective} ${e.blockedURI || 'inline'} ${e.sourceFile || ''}`.trim()));
"""


def inject(page: pathlib.Path) -> None:
    """Put INJECTED at the end of the page's article; the page must carry the policy."""
    html = page.read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in html
    page.write_text(html.replace("</article>", INJECTED + "</article>", 1), encoding="utf-8")


@dataclass
class Visit:
    injected_ran: bool
    violations: list[str]  # `directive blocked-URI-or-inline [source file]`
    outside: list[str]  # requests the page sent to another machine (stopped in the network layer)
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (source URL, text)


def open_recorded(context, outside: list[str]):
    """A new tab of `context`, with violations recorded and outside requests
    recorded in `outside` and stopped (only requests the page really sends reach the network
    layer: one the policy refuses never does)."""

    def network(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.add_init_script(RECORD_VIOLATIONS)
    context.route("**/*", network)
    return context.new_page()


def visit(browser, url: str) -> Visit:
    """Open `url` in a fresh context and report what ran and what the policy blocked."""
    context = browser.new_context()
    outside: list[str] = []
    tab = open_recorded(context, outside)
    errors: list[tuple[str, str]] = []
    tab.on(
        "console", lambda m: errors.append((m.location.get("url", ""), m.text)) if m.type == "error" else None
    )
    tab.goto(url, wait_until="load")
    tab.wait_for_timeout(300)
    result = Visit(
        tab.evaluate("window.__injected || null") is not None,
        tab.evaluate("window.__cspViolations"),
        outside,
        errors,
    )
    context.close()
    return result


def assert_blocked(result: Visit) -> None:
    assert not result.injected_ran, "the injected inline script ran"
    assert result.outside == [], f"requests left the machine: {result.outside}"
    assert any(v.startswith("script-src-elem inline") for v in result.violations), result.violations
    assert any(v.startswith("img-src https://outside.example/") for v in result.violations), result.violations
