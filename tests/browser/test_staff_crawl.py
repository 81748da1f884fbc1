"""Every staff page the demo roles reach passes axe (WCAG 2.2 AA) at 375 and 1280 px and logs
no console error (issue 17, "Done when").

The crawl starts at each role's home and the sidebar menu, then follows the links of each
page: same origin, under /admin/, GET only (it never submits a form), never signing out or
downloading an export. Pages of one kind are visited once (the id in the path is the same
kind of page whichever row it names), so the crawl is bounded by the number of kinds of
page, not by the demo's rows. Wagtail's own pages these roles reach count."""

from __future__ import annotations

import json
import re
from collections import deque
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import WCAG_22_AA, axe_violations, log_in
from tests.browser.test_workspace import DEMO_ROLES, DESKTOP, PHONE, demo, watch_console

__all__ = ["demo"]  # the fixture, imported for pytest

# A path segment naming one row: a number, a uuid, an O*NET code, a mixed-case token.
ROW_ID = re.compile(
    r"^(\d+|[0-9a-f-]{32,36}|\d{2}-\d{4}\.\d{2}|(?=.*\d)(?=.*[A-Z])[A-Za-z0-9_-]{20,}|[A-Z]{2,}-?\d+[\w-]*)$"
)
# Not pages: signing out ends the crawl; exports, PDFs, tables and charts download; the
# chooser endpoints answer JSON for a modal (the modal is checked where a form opens it,
# tests/browser/test_occupation_chooser.py); the editing-session ping is POST only.
NOT_A_PAGE = re.compile(
    r"^/admin/logout/|[?&]export=|\.(pdf|csv|xlsx|json|svg|png|zip)$|/pdf/|/download|"
    r"/chooser/|-chooser/|/editing-sessions/|/jsi18n/|/sw\.js|/manifest|/offline"
)
MAX_KINDS = 160  # the demo has about 120 kinds of staff page across the four roles
# Wagtail's generic screens of a row's history, usage and deletion: one template for every
# model, so one of each is checked.
GENERIC = re.compile(r"^/admin/[\w-]+/(history|usage|delete)/")
SEEDS = ("/admin/", "/admin/search/?q=a")


def kind_of(path: str) -> str:
    """The path with each row id replaced: /admin/employers/12/ -> /admin/employers/*/."""
    if found := GENERIC.match(path):
        return f"/admin/*/{found.group(1)}/*/"
    return "/".join("*" if ROW_ID.match(part) else part for part in path.split("/"))


def links_on(page, origin: str) -> list[str]:
    """Same-origin paths (with their query) under /admin/ that the page links to, and the
    sidebar menu's (Wagtail renders the menu from JSON, submenus only when opened)."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    menu = page.locator("#wagtail-sidebar-props")
    if menu.count():
        hrefs += [origin + u for u in re.findall(r'"url": "(/admin/[^"]*)"', menu.inner_text())]
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or not parts.path.startswith("/admin/"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not NOT_A_PAGE.search(path):
            found.append(path)
    return found


def check(page, path: str, problems: list) -> bool:
    """Open `path`; record axe violations; False when it is not an HTML page."""
    try:
        response = page.goto(path)
    except PlaywrightError as error:  # an error answer with no page (a 405 to a GET link)
        if "Download is starting" not in str(error):  # a file, not a page
            problems.append((path, str(error).splitlines()[0]))
        return False
    if response is None or "text/html" not in response.headers.get("content-type", ""):
        return False
    if response.status >= 400:
        problems.append((path, f"HTTP {response.status}"))
        return False
    for violation in axe_violations(page, WCAG_22_AA):
        nodes = [n["target"] for n in violation["nodes"][:3]]
        problems.append((path, page.viewport_size["width"], violation["id"], nodes))
    return True


def crawl_as(user, context, origin: str, seen: set[str], problems: list):
    """The pages `user` reaches from their home, each kind not `seen` before checked at
    1280 and 375 px; their own home and search always (each role's differ). Returns the
    paths visited and the console errors logged."""
    wide, narrow = context.new_page(), context.new_page()
    narrow.set_viewport_size(PHONE)
    logs = [watch_console(wide), watch_console(narrow)]
    log_in(wide, user, origin)
    queue, visited = deque(SEEDS), []
    while queue and len(seen) < MAX_KINDS:
        path = queue.popleft()
        kind = kind_of(urlsplit(path).path)
        if path in visited or (kind in seen and path not in SEEDS):
            continue
        seen.add(kind)
        if not check(wide, path, problems):
            continue
        visited.append(path)
        print(user.username, path, flush=True)  # progress, read with -s
        queue.extend(links_on(wide, origin))
        check(narrow, path, problems)
    return visited, [error for log in logs for error in log]


def test_every_staff_page_passes_axe_at_375_and_1280_px_without_console_errors(
    chromium, live_server, demo
):
    origin = live_server.url
    seen: set[str] = set()
    problems: list = []
    errors: list[str] = []
    for role in DEMO_ROLES:
        context = chromium.new_context(base_url=origin, viewport=DESKTOP)
        context.set_default_timeout(15_000)
        visited, logged = crawl_as(demo.get(username=role), context, origin, seen, problems)
        errors += [f"{role}: {e}" for e in logged]
        context.close()
    assert len(seen) < MAX_KINDS, "the crawl was cut short: raise MAX_KINDS"
    assert problems == [], json.dumps(problems, indent=1)
    assert errors == []
