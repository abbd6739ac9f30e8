"""The verification API's operations. Thin: reads are selectors.verification, limits are auth.py."""

from typing import Literal

from django.utils.http import urlencode
from ninja import Path as PathParam
from ninja import Query, Router

from .. import search
from ..selectors import verification as sel
from ..validators import uscc_problem
from .auth import ApiProblem, key_or_anonymous, key_required
from .schemas import BulkIn, BulkOut, ErrorOut, TitleOut, UnitPageOut

router = Router(tags=["查验"])
NOT_FOUND = {404: ErrorOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut}
MAX_TEXT = 200
UNKNOWN_NUMBER = "查无此证书：请核对证书编号。购买或冒用“放心消费示范单位”称号可拨打 12315 举报。"


def _or_404(certificate, message):
    if certificate is None:
        raise ApiProblem(message, 404)
    return sel.title_answer(certificate)


@router.get("/certificates/verify", response={200: TitleOut, **NOT_FOUND}, auth=key_or_anonymous,
            summary="按证书编号查验")
def verify_number(request, number: str = Query(..., min_length=1, max_length=MAX_TEXT,
                                                description="证书编号，括号、空格、全角字符、前导零均可")):
    """证书编号可写作 商洛放心〔2020〕市字第001号、[2020]市字第1号、2020市001 等，与查验页面相同。"""
    return _or_404(sel.by_number(number), UNKNOWN_NUMBER)


@router.get("/certificates/token/{token}", response={200: TitleOut, **NOT_FOUND}, auth=key_or_anonymous,
            summary="按二维码令牌查验")
def verify_token(request, token: str = PathParam(..., max_length=MAX_TEXT,
                                                 description="证书二维码网址 /v/<令牌>/ 中的令牌")):
    return _or_404(sel.by_token(token), "查无此证书：二维码令牌无效。")


@router.get("/units/{uscc}", response={200: TitleOut, **NOT_FOUND}, auth=key_or_anonymous,
            summary="按统一社会信用代码查询单位")
def unit_by_uscc(request, uscc: str = PathParam(..., max_length=MAX_TEXT, description="18 位统一社会信用代码")):
    """返回该经营主体当前有效的称号；没有有效称号时返回最近一次的称号（已撤销、已到期等）。"""
    code = search.uscc_typed(uscc)
    if code is None:
        raise ApiProblem("统一社会信用代码应为18位数字或大写字母。", 400)
    if problem := uscc_problem(code):
        raise ApiProblem(problem, 400)
    return _or_404(sel.by_uscc(code), f"统一社会信用代码为 {code} 的经营主体没有放心消费示范单位称号记录。")


@router.post("/verify/bulk", response={200: BulkOut, **NOT_FOUND}, auth=key_required, summary="批量查验")
def verify_bulk(request, body: BulkIn):
    """一次最多 100 个证书编号或统一社会信用代码（可混合），按请求顺序返回；两次数据库查询完成。需要接口密钥。"""
    if any(len(text) > MAX_TEXT for text in body.ids):
        raise ApiProblem(f"每个编号或代码不超过 {MAX_TEXT} 个字符。", 422)
    results = []
    for item, certificate in sel.bulk_lookup(body.ids):
        results.append({
            "id": item.text, "kind": item.kind, "found": certificate is not None, "error": item.problem or None,
            "title": sel.title_answer(certificate) if certificate else None,
        })
    return {"count": len(results), "results": results}


@router.get("/units", response={200: UnitPageOut, **NOT_FOUND}, auth=key_or_anonymous,
            summary="示范单位名录（开放数据）")
def list_units(
    request,
    county: str = Query("", max_length=12, description="县区行政区划代码，如 611026"),
    sector: str = Query("", max_length=40, description="行业代码，如 retail"),
    level: Literal["city", "county", ""] = Query("", description="city 市级 / county 县区级"),
    year: int | None = Query(None, ge=1900, le=2999, description="创建年度"),
    limit: int = Query(sel.MAX_PAGE_SIZE, ge=1, le=sel.MAX_PAGE_SIZE, description="每页条数，最多 100"),
    cursor: str = Query("", max_length=40, description="上一页返回的 next_cursor"),
):
    """称号当前有效的示范单位，按内部编号排序，用 cursor 翻页（新增单位不会打乱已取的页）。"""
    try:
        after = sel.decode_cursor(cursor) if cursor else 0
    except sel.BadCursor:
        raise ApiProblem("cursor 无效：请使用上一页返回的 next_cursor。", 400)
    units, last = sel.units_page(county=county, sector=sector, level=level, year=year, after=after, size=limit)
    next_cursor = sel.encode_cursor(last) if last else None
    next_url = None
    if next_cursor:
        params = {k: v for k, v in {"county": county, "sector": sector, "level": level, "year": year or "",
                                    "limit": limit, "cursor": next_cursor}.items() if v}
        next_url = request.build_absolute_uri(f"{request.path}?{urlencode(params)}")
    return {"results": [sel.unit_row(unit) for unit in units], "next_cursor": next_cursor, "next": next_url}
