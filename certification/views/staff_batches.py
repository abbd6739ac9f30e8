"""The batch pages: putting candidates on notice (进入公示) and naming units (命名).

Each publishes a page on the public site, so each asks to confirm first: choosing units (or pressing
the button on an application's page) shows what will happen — for naming, the quota before and after
and the certificate numbers to be issued — and only the confirmation makes it happen.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from ..selectors import staff as sel
from ..services import naming, notice
from .common import officer_required


@dataclass(frozen=True)
class Batch:
    url_name: str
    title: str
    verb: str
    button: str
    confirm_button: str
    explain: str


NOTICE = Batch(
    "staff:notice_batch", "进入公示", "公示", "下一步：确认公示名单", "确认公示并发布公示名单",
    "以下申报已评审完成且达到所申报级别的合格分、无一票否决项。选择后将一并进入公示，并在网站发布公示名单。",
)
NAMING = Batch(
    "staff:naming_batch", "命名示范单位", "命名", "下一步：确认命名", "确认命名并颁发证书",
    "以下候选单位公示期已满且无未处理的异议。县区局命名本县区的县区级示范单位，市局命名市级示范单位；"
    "名额用尽时不能再命名。",
)


def _chosen_ids(request):
    return request.POST.getlist("application") if request.method == "POST" else request.GET.getlist("application")


def _report(request, batch, done, refused, page):
    if done:
        published = f"，并发布《{page.title}》。" if page else "。"
        messages.success(request, f"已{batch.verb} {len(done)} 个单位{published}")
    for app, reason in refused:
        messages.error(request, f"{app.business.name}：{reason}")
    if not done and not refused:
        messages.error(request, "请选择单位。")


def _batch_page(request, batch, candidates, run, preview, waiting):
    ids = _chosen_ids(request)
    chosen = sel.chosen(candidates, ids)
    if request.method == "POST" and request.POST.get("confirm") == "1":
        done, refused, page = run(chosen, request.user)
        _report(request, batch, done, refused, page)
        return redirect(f"{reverse(batch.url_name)}?{urlencode({'published': page.pk})}" if page
                        else reverse(batch.url_name))
    if ids and chosen:
        return render(request, "staff/batch_confirm.html", {"batch": batch, "chosen": chosen, **preview(chosen)})
    if ids:
        messages.error(request, "所选单位目前不能" + batch.verb + "（可能已被处理，或不在您的权限范围内）。")
    elif request.method == "POST":
        messages.error(request, "请选择单位。")
    return render(request, "staff/batch.html", {
        "batch": batch, "candidates": candidates, "action": reverse(batch.url_name),
        "published": sel.published_page_or_none(request.GET.get("published")),
        "quotas": sel.quota_use(candidates) if batch is NAMING else None,
        "waiting": waiting(request.user, candidates),  # not offered, and why
    })


@officer_required
def notice_batch(request):
    return _batch_page(request, NOTICE, sel.notice_candidates(request.user), notice.open_notice,
                       lambda chosen: {"notice": sel.notice_preview(chosen)}, sel.waiting_for_notice)


@officer_required
def naming_batch(request):
    return _batch_page(request, NAMING, sel.naming_candidates(request.user), naming.name_units,
                       lambda chosen: {"quotas": sel.naming_preview(chosen)}, sel.waiting_for_naming)
