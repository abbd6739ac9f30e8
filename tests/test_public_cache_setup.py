"""The system check that keeps the public cache's middleware in place (manage.py check, run in CI)."""

from certification.checks import PUBLIC_CACHE_MIDDLEWARE, public_cache_middleware

SESSION = "django.contrib.sessions.middleware.SessionMiddleware"


def test_the_projects_settings_pass_the_check():
    assert public_cache_middleware() == []


def test_a_missing_public_cache_middleware_fails_the_check(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != PUBLIC_CACHE_MIDDLEWARE]
    assert [error.id for error in public_cache_middleware()] == ["fangxin.E010"]


def test_the_public_cache_middleware_after_the_session_fails_the_check(settings):
    others = [name for name in settings.MIDDLEWARE if name != PUBLIC_CACHE_MIDDLEWARE]
    after_session = others.index(SESSION) + 1
    settings.MIDDLEWARE = others[:after_session] + [PUBLIC_CACHE_MIDDLEWARE] + others[after_session:]
    assert [error.id for error in public_cache_middleware()] == ["fangxin.E011"]
