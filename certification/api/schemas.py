"""The shapes of the API's answers and requests (OpenAPI at /api/v1/openapi.json)."""

from datetime import date
from typing import Literal

from ninja import Field, Schema

from ..selectors.verification import MAX_BULK

StatusCode = Literal["valid", "under_review", "under_rectification", "revoked", "expired", "superseded"]


class UnitOut(Schema):
    name: str = Field(description="经营主体名称")
    uscc: str = Field(description="统一社会信用代码")
    address: str
    county: str = Field(description="所在县区，如 柞水县")
    county_code: str = Field(description="县区行政区划代码，如 611026")
    sector: str = Field(description="行业")
    sector_code: str = Field(description="行业代码，如 retail")


class TitleOut(Schema):
    certificate_number: str = Field(description="证书编号，如 商洛放心〔2020〕市字第001号")
    level: Literal["city", "county"]
    level_name: str = Field(description="市级 或 县区级")
    year: int = Field(description="命名所属创建年度")
    issued_on: date
    valid_until: date
    status: StatusCode = Field(description="实时状态：valid 有效；under_review 称号有效、正在复核；"
                                           "under_rectification 称号有效、正在整改；revoked 已撤销；"
                                           "expired 已到期；superseded 已换发新证")
    status_label: str = Field(description="状态的中文说法，如 有效、已撤销")
    status_explain: str = Field(description="给公众看的一句话说明")
    in_force: bool = Field(description="称号当前是否有效（valid、under_review、under_rectification 为 true）")
    revoked_on: date | None = Field(None, description="撤销日期（仅 revoked）")
    revoked_reason: str | None = Field(None, description="公开的撤销原因（仅 revoked）")
    superseded_by: str | None = Field(None, description="换发的新证书编号（仅 superseded）")
    unit: UnitOut
    unit_url: str | None = Field(None, description="本站该示范单位页面的网址（称号有效时）")
    verify_url: str = Field(description="证书查验页面的网址，打开即显示实时状态")


class ErrorOut(Schema):
    detail: str | list = Field(description="出错原因（中文）；参数校验错误时为错误列表")


class BulkIn(Schema):
    ids: list[str] = Field(min_length=1, max_length=MAX_BULK,
                           description=f"证书编号或统一社会信用代码，1 至 {MAX_BULK} 个，可混合")


class BulkItemOut(Schema):
    id: str = Field(description="请求中的原文")
    kind: Literal["number", "uscc", "invalid"] = Field(description="识别为证书编号、统一社会信用代码或无法识别")
    found: bool
    error: str | None = Field(None, description="无法识别时的原因")
    title: TitleOut | None = Field(None, description="找到时的证书与实时状态（信用代码取当前有效的称号，否则最新的）")


class BulkOut(Schema):
    count: int
    results: list[BulkItemOut]


class UnitPageOut(Schema):
    results: list[TitleOut]
    next_cursor: str | None = Field(None, description="下一页的 cursor；为 null 时已是最后一页")
    next: str | None = Field(None, description="下一页的完整网址")
