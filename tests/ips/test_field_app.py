"""The field forms' installable app (issue 23): the manifest and the service worker come
from this site, with the headers the browser needs; the workspace policy allows them and
nothing more."""

from __future__ import annotations

import json

import pytest

from ips.roles import Role

pytestmark = pytest.mark.django_db


def test_the_service_worker_is_served_from_the_site_root_and_checked_each_visit(client):
    response = client.get("/field-sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    body = b"".join(response.streaming_content).decode()
    assert "ips-field-v1" in body
    assert "importScripts" not in body  # no script from anywhere else
    assert client.post("/field-sw.js").status_code == 405


@pytest.mark.parametrize(
    ("form", "start"),
    [
        ("quick-log", "/admin/crm/log/"),
        ("support-log", "/admin/coaching/log/"),
        ("x", "/admin/crm/log/"),
    ],
)
def test_the_manifest_opens_the_form_it_was_linked_from(client, form, start):
    response = client.get(f"/field.webmanifest?form={form}")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == start
    assert manifest["scope"] == "/admin/"
    assert all(icon["src"].startswith("/static/ips/") for icon in manifest["icons"])


def test_the_two_forms_link_the_manifest_and_the_workspace_allows_only_its_own_worker(
    client, users, seeker
):
    client.force_login(users[Role.SPECIALIST])
    for path, form in (("/admin/crm/log/", "quick-log"), ("/admin/coaching/log/", "support-log")):
        response = client.get(path)
        html = response.content.decode()
        assert f'<link rel="manifest" href="/field.webmanifest?form={form}">' in html
        assert f'data-field-scope="{path}"' in html
        assert f'data-field-user="{users[Role.SPECIALIST].pk}"' in html
        policy = response["Content-Security-Policy"]
        assert "worker-src 'self'" in policy
        assert "manifest-src 'self'" in policy
    assert 'src="/static/ips/field.js"' in client.get("/admin/").content.decode()
