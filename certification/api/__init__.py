"""The verification API for platforms, /api/v1/ (django-ninja): verify a certificate by number or
token, a unit by 统一社会信用代码, up to 100 of either in one request, and list the named units with a
cursor. Schema at /api/v1/openapi.json, docs at /api/v1/docs (Swagger UI served from our static
files, no CDN, no inline script). Every refusal is JSON with a Chinese `detail`; docs/api.md is the
guide for integrators."""

import functools

from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from .auth import ApiProblem
from .endpoints import router
from .messages import NOT_JSON, chinese_errors


class Docs(Swagger):
    template = "api/docs.html"


class ReadableJSON(JSONRenderer):
    """Chinese as UTF-8 characters, not \\u escapes (the Content-Type says charset=utf-8)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="商洛市放心消费示范单位查验接口",
    version="1",
    description=(
        "供外卖、点评、银行、招投标等平台查验“放心消费示范单位”称号的实时状态。单个查验可匿名调用（频率较低）；"
        "批量查验和更高频率需要市市场监督管理局签发的接口密钥（请求头 X-API-Key）。"
    ),
    urls_namespace="api-v1",
    docs=Docs(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=ReadableJSON(),
)
api.add_router("/", router)


def _json(request, message, status, headers=None):
    response = api.create_response(request, {"detail": message}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


@api.exception_handler(ApiProblem)
def problem(request, exc):
    return _json(request, exc.message, exc.status, exc.headers)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _json(request, "此接口需要接口密钥（请求头 X-API-Key），请向商洛市市场监督管理局申请。", 401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _json(request, "没有这个接口或对象。", 404)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    response = api.create_response(request, {"detail": chinese_errors(exc.errors)}, status=422)
    response["Cache-Control"] = "no-store"
    return response


@api.exception_handler(HttpError)
def http_error(request, exc):
    """django-ninja's own refusals (a body it cannot parse is its only one here), in Chinese."""
    return _json(request, NOT_JSON if exc.status_code == 400 else "请求无效。", exc.status_code)


def unknown_path(request, rest=""):
    """Any other address under /api/: a JSON 404, not the site's HTML page."""
    response = JsonResponse({"detail": "没有这个接口：接口说明见 /api/v1/docs。"}, status=404,
                            json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def _chinese_405(view):
    """django-ninja answers a method an operation does not take with a bare English "Method not allowed"."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        refused = _json(request, f"此接口不接受 {request.method} 请求。", 405)
        refused["Allow"] = response.get("Allow", "")
        return refused

    return wrapper


def urls():
    """api.urls, each operation's view answering a wrong method in Chinese JSON."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _chinese_405(pattern.callback)
    return patterns, app_name, namespace
