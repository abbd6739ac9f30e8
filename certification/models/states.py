"""The states of an application, and what each one means for the business and the public.

A state is declared here once: its value and label (`State`) and its meaning (`MEANING`: what the
applicant is told to do next, what the officer's page says is next, whether the unit holds its title in
it). The transitions between the states are declared in models/workflow.py.
"""

from dataclasses import dataclass

from django.db import models
from django.utils import timezone


class State(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交，待受理"
    RETURNED = "returned", "退回补正"
    UNDER_ASSESSMENT = "under_assessment", "评审中"
    ASSESSED = "assessed", "评审完成"
    IN_NOTICE = "in_notice", "公示中"
    NAMED = "named", "已命名"
    REJECTED = "rejected", "未通过"
    WITHDRAWN = "withdrawn", "已撤回"
    REVOKED = "revoked", "已撤销"
    EXPIRED = "expired", "已到期"
    UNDER_REVIEW = "under_review", "复核中"
    UNDER_RECTIFICATION = "under_rectification", "整改中"


@dataclass(frozen=True)
class Meaning:
    next_step: str  # what the applicant reads on its page and in e-mails
    for_officer: str  # what the officer's page of the application says is next (the applicant's words would
    # tell the officer to upload evidence or download a certificate)
    holds_title: bool = False  # the unit is a demonstration unit in this state (while its certificate is valid)


MEANING = {  # State: Meaning(what the applicant reads, what the officer reads[, holds_title])
    State.DRAFT: Meaning("请填写自评并上传营业执照、放心消费承诺书，完成后提交申报。", "企业正在填写申报，尚未提交。"),
    State.SUBMITTED: Meaning(
        "申报已提交，等待所在县区市场监督管理局受理审查。",
        "请审查申报材料：受理、退回补正或不予受理。",
    ),
    State.RETURNED: Meaning("申报被退回补正，请按退回意见修改后重新提交。", "已退回企业补正，等待企业修改后重新提交。"),
    State.UNDER_ASSESSMENT: Meaning(
        "已受理，评审员正在按五个放心评价标准评分。",
        "评审员正在评分，全部评分提交后进入“评审完成”。",
    ),
    State.ASSESSED: Meaning(
        "评审已完成，等待工作人员确定是否进入公示。",
        "评审已完成：达到合格分的可进入公示，否则作出评审不通过。",
    ),
    State.IN_NOTICE: Meaning(
        "正在公示，公示期满且无异议后将予以命名。",
        "正在公示，公示期满且异议处理完毕后可以命名。",
    ),
    State.NAMED: Meaning("已被命名为放心消费示范单位，可下载证书。", "已命名，称号有效。", holds_title=True),
    State.REJECTED: Meaning("本次申报未通过。", "本次申报未通过。"),
    State.WITHDRAWN: Meaning("申报已撤回。", "企业已撤回申报。"),
    State.REVOKED: Meaning("示范单位称号已被撤销。", "称号已撤销。"),
    State.EXPIRED: Meaning("示范单位称号已到期，可在新的创建批次中重新申报。", "称号已到期或已换发新证。"),
    State.UNDER_REVIEW: Meaning(
        "因群众反映或年度复核，称号正在复核中。",
        "称号复核中，请作出结论：保留称号、责令整改或撤销称号。",
        holds_title=True,
    ),
    State.UNDER_RECTIFICATION: Meaning(
        "称号正在整改中：请按整改通知在期限内完成整改，并在本系统提交整改情况和佐证材料。",
        "称号整改中：企业提交整改情况后请验收，整改合格保留称号，否则撤销称号。",
        holds_title=True,
    ),
}

# States in which the unit holds its title (the directory shows these, while the certificate is valid).
TITLE_STATES = tuple(state for state, meaning in MEANING.items() if meaning.holds_title)


def next_step(state):
    meaning = MEANING.get(state)
    return meaning.next_step if meaning else ""


def next_step_for_officer(state):
    meaning = MEANING.get(state)
    return meaning.for_officer if meaning else ""


def state_label(value):
    """The Chinese label of a state value (as stored in logs), or the value itself if unknown."""
    return State(value).label if value in State.values else value


def title_in_force(today=None, application="", certificate="certificate__"):
    """Q: the unit holds its title today: in a title state, certificate valid, not revoked.

    The one definition, phrased from an Application (the defaults) or, with application="application__"
    and certificate="", from a Certificate.
    """
    return models.Q(**{
        f"{application}state__in": TITLE_STATES,
        f"{certificate}valid_until__gte": today or timezone.localdate(),
        f"{certificate}revoked_on__isnull": True,
    })
