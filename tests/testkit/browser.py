"""What the browser tests judge a page by: which requests count as leaving the machine."""

from __future__ import annotations

from urllib.parse import urlparse

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in {"file", "data", "blob", "about"}:
        return True
    return parsed.hostname in LOCAL_HOSTS or f"[{parsed.hostname}]" in LOCAL_HOSTS


def step_to_next_diagram_and_close(page, next_name: str) -> None:
    """In an open lightbox: go to the next diagram, wait until it is the one named, then
    close with Escape and wait until the lightbox is gone (offline bundle and ZIM alike)."""
    page.locator(".glightbox-container .gnext").click()
    page.wait_for_function(
        "name => document.querySelector('.gslide.current img')?.src.endsWith(name)", arg=next_name
    )
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached")
