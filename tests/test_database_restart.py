"""A database restart under a running server (PostgreSQL): the kept connection is checked before use
(CONN_HEALTH_CHECKS), so the server recovers by itself. Transactional, in a file of its own: the flush
after it would remove the session's reference data from the tests that follow it on the same worker."""

from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from .factories import CertificateFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="terminates server connections on PostgreSQL"),
]


def serve(path):
    """One request through Django's WSGI handler in this thread, as gunicorn's worker would: the request
    signals run (close_old_connections, health checks) and the thread's connection is kept between
    requests (CONN_MAX_AGE)."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    status = []
    response = WSGIHandler()(environ, lambda line, headers, exc_info=None: status.append(line))
    b"".join(response)
    response.close()
    return int(status[0].split()[0])


def test_after_the_database_drops_the_kept_connection_the_next_request_reconnects(published_site):
    certificate = CertificateFactory()
    assert serve(f"/v/{certificate.token}/") == 200  # never cached: reads the database
    kept = connection.connection.info.backend_pid
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [kept])  # what a database restart does to it
    assert [serve(f"/v/{certificate.token}/"), serve("/healthz")] == [200, 200]
    assert connection.connection.info.backend_pid != kept
