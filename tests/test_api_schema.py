"""The API's schema is valid OpenAPI, and its docs are served from this site with no inline script."""

import re

import pytest
from openapi_spec_validator import validate

from .api import API

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_validates(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    validate(response.json())


def test_the_schema_names_every_operation(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    assert set(paths) == {"/api/v1/certificates/verify", "/api/v1/certificates/token/{token}",
                          "/api/v1/units/{uscc}", "/api/v1/verify/bulk", "/api/v1/units"}


def test_the_docs_page_is_chinese_and_loads_everything_from_this_site(client):
    response = client.get(f"{API}/docs")
    page = response.content.decode()
    assert response.status_code == 200
    assert "查验接口" in page
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_docs_page_has_no_inline_script(client):
    page = client.get(f"{API}/docs").content.decode()
    inline = [m for m in re.findall(r"<script([^>]*)>", page) if "src=" not in m]
    assert inline == []


def test_the_swagger_ui_files_are_among_the_static_files():
    from django.contrib.staticfiles import finders

    assert finders.find("ninja/swagger-ui-bundle.js") and finders.find("ninja/swagger-ui.css")
