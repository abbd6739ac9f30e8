"""A first-time shop signs up, confirms its e-mail, registers the business, applies and submits."""

import re

import pytest

from certification.models import Application, State

from ..factories import PDF_BYTES, RoundFactory
from .steps import accept_confirmations, follow, link_in

pytestmark = pytest.mark.browser

EMAIL = "owner@zhashui-shop.example.com"
SECRET = "Qinling-shop-2026"


def test_a_shop_signs_up_applies_and_submits(desktop, site, audit, delivered_mail, tmp_path):
    RoundFactory()
    page = desktop
    accept_confirmations(page)
    page.goto(site.url + "/")
    audit.check(page)

    follow(page, page.get_by_role("link", name="企业注册").first)
    audit.check(page)
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password1]").fill(SECRET)
    page.locator("input[name=password2]").fill(SECRET)
    follow(page, page.locator("main form[method=post] [type=submit]").first)
    audit.check(page)

    (message,) = delivered_mail()
    page.goto(link_in(message))
    audit.check(page)
    follow(page, page.locator("main form[method=post] [type=submit]").first)

    page.goto(site.url + "/portal/")
    if "/accounts/login/" in page.url:  # allauth signs in on confirmation only in the sign-up's session
        page.locator("input[name=login]").fill(EMAIL)
        page.locator("input[name=password]").fill(SECRET)
        follow(page, page.locator("main form[method=post] [type=submit]").first)
        page.goto(site.url + "/portal/")
    assert page.url.endswith("/portal/business/")
    audit.check(page)
    page.get_by_label("统一社会信用代码").fill("916110267867954512")
    page.get_by_label("名称").first.fill("柞水新开超市有限公司")
    page.get_by_label("地址").first.fill("陕西省商洛市柞水县乾佑街1号")
    page.get_by_label("所在县区").select_option(label="柞水县")
    page.get_by_label("行业").select_option(index=1)
    page.get_by_label("联系人").first.fill("王经理")
    page.get_by_label("联系电话").fill("0914-4321000")
    follow(page, page.locator("main form[method=post] [type=submit]").first)
    audit.check(page)

    follow(page, page.get_by_role("button", name="创建申报草稿"))
    application_url = re.search(r"^.*/portal/applications/\d+/", page.url).group(0)
    if not page.url.endswith("/self-assessment/"):
        audit.check(page)
        follow(page, page.get_by_role("link", name="填写自评"))
    audit.check(page)
    for points in page.locator("input[type=number][name^=points_]").all():
        points.fill(points.get_attribute("max") or "0")
    for note in page.locator("textarea[name^=note_]").all():
        note.fill("已落实，见佐证材料。")
    for no in page.get_by_role("radio", name=re.compile(r"^(否|无)")).all():  # veto items asked as 是/否
        no.check()
    follow(page, page.get_by_role("button", name="保存自评"))

    page.goto(application_url)
    pdf = tmp_path / "材料.pdf"
    pdf.write_bytes(PDF_BYTES)
    for kind in ("licence", "commitment"):
        page.get_by_label("材料类型").select_option(kind)
        page.get_by_label("文件").set_input_files(pdf)
        follow(page, page.get_by_role("button", name="上传"))
    audit.check(page)

    follow(page, page.get_by_role("button", name="提交申报"))
    audit.check(page)

    assert Application.objects.get(business__name="柞水新开超市有限公司").state == State.SUBMITTED
    assert not audit.problems, audit.report()
