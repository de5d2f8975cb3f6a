"""The benchmark's ceiling page: there only when the benchmark's server turns it on."""

import pytest

URL = "/__bench__/ceiling"


@pytest.mark.django_db
def test_a_deployment_has_no_ceiling_page(client):
    response = client.get(URL)

    assert response.status_code == 404
    assert response.content != b"ok\n"


@pytest.mark.django_db
def test_the_benchmark_server_answers_a_constant_page_through_every_middleware(client, settings):
    settings.BENCH_CEILING = True

    response = client.get(URL)

    assert response.status_code == 200
    assert response.content == b"ok\n"
    # The middleware ran: security headers and CSP are on this page as on any other.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_ceiling_page_only_reads(client, settings):
    settings.BENCH_CEILING = True

    assert client.post(URL).status_code in (403, 405)
