"""The API's refusals of malformed requests, in Chinese: django-ninja and pydantic word them in English.

A 422 keeps pydantic's list (each item's `loc` and `type`, which programs read) with `msg` said in
Chinese; a body that is not JSON gets a Chinese sentence instead of django-ninja's "Cannot parse …".
"""

FIELDS = {"number": "证书编号", "token": "二维码令牌", "uscc": "统一社会信用代码", "ids": "ids（编号或代码列表）",
          "county": "county（县区代码）", "sector": "sector（行业代码）", "level": "level（级别）",
          "year": "year（年度）", "limit": "limit（每页条数）", "cursor": "cursor", "body": "请求体"}

MESSAGES = {
    "missing": "缺少{field}。",
    "string_type": "{field}应为字符串。",
    "string_too_short": "{field}不能为空。",
    "string_too_long": "{field}不能超过 {max_length} 个字符。",
    "too_short": "{field}至少要有 {min_length} 项。",
    "too_long": "{field}最多 {max_length} 项。",
    "list_type": "{field}应为数组（JSON 列表）。",
    "int_parsing": "{field}应为整数。",
    "int_type": "{field}应为整数。",
    "int_from_float": "{field}应为整数。",
    "greater_than_equal": "{field}应不小于 {ge}。",
    "greater_than": "{field}应大于 {gt}。",
    "less_than_equal": "{field}应不大于 {le}。",
    "less_than": "{field}应小于 {lt}。",
    "literal_error": "{field}只能是 {expected}。",
    "enum": "{field}只能是 {expected}。",
    "dict_type": "{field}应为 JSON 对象。",
    "model_attributes_type": "{field}应为 JSON 对象。",
    "json_invalid": "请求体不是有效的 JSON。",
}
NOT_JSON = "请求体不是有效的 JSON，请以 Content-Type: application/json 发送，如 {\"ids\": [\"…\"]}。"


def _field(loc):
    names = [str(part) for part in loc if not isinstance(part, int) and part not in ("query", "path", "body")]
    return FIELDS.get(names[-1], names[-1]) if names else FIELDS["body"]


def chinese(error):
    """One pydantic error dict, with `msg` in Chinese (loc, type and ctx kept)."""
    context = {key: value for key, value in (error.get("ctx") or {}).items() if isinstance(value, int | float | str)}
    template = MESSAGES.get(error.get("type"), "{field}的值无效。")
    words = {**context, "expected": str(context.get("expected", "")).replace(" or ", " 或 ")}
    try:
        message = template.format(field=_field(error.get("loc") or ()), **words)
    except (KeyError, IndexError):
        message = f"{_field(error.get('loc') or ())}的值无效。"
    answer = {"type": error.get("type"), "loc": error.get("loc"), "msg": message}
    if context:
        answer["ctx"] = context
    return answer


def chinese_errors(errors):
    return [chinese(error) for error in errors]
