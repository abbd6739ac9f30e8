"""Guards of the application workflow: django-fsm transition conditions.

Each condition takes the application and returns True when the transition may happen; its
`message` says in Chinese what is missing, so forms and buttons can explain a refusal. Conditions
read the application's own facts (models/applications.py) and import no models.
"""

from django.utils import timezone

from .criteria import live_criteria


def condition(message, asked_on_page=False):
    """`asked_on_page`: the transition's own staff page collects what this condition reads (e.g. the
    problems and deadline of a rectification), so it does not hide the button that leads there."""

    def wrap(func):
        func.message = message
        func.asked_on_page = asked_on_page
        return func

    return wrap


@condition("请对全部指标完成自评（分值和说明）。")
def self_assessment_complete(app):
    return not app.missing_self_assessment(live_criteria())


@condition("请上传营业执照和放心消费承诺书。")
def required_documents_attached(app):
    return not app.missing_document_kinds()


@condition("该批次不在申报时间内。")
def round_open(app):
    return app.round.is_open()


@condition("尚有评审员未提交评分。")
def all_scores_in(app):
    return app.scores_complete()


@condition("评审结果未达到所申报级别的合格分，或存在一票否决项。")
def passed(app):
    return app.result_passes()


@condition("两位评审员总分相差过大，须先确认评审结果或增派评审员。")
def spread_resolved(app):
    return not app.spread_flagged or app.spread_confirmed


@condition("没有需要确认的评分差异。")
def spread_awaits_confirmation(app):
    return app.spread_flagged and not app.spread_confirmed


@condition("只有申报市级、达到县区级但未达到市级合格分的申报可以按县区级推荐。")
def reached_only_county_mark(app):
    return app.level == "city" and not app.result_passes("city") and app.result_passes("county")


@condition("公示期尚未结束。")
def notice_period_over(app):
    return app.notice_ends_on is not None and timezone.localdate() > app.notice_ends_on


@condition("公示期内有尚未处理的异议。")
def no_open_objection(app):
    return not app.objections.filter(status="open").exists()


@condition("本批次该级别命名名额已满。")
def quota_available(app):
    return app.round.named_count(app.level) < app.round.quota(app.level)


@condition("证书有效期尚未结束。")
def validity_over(app):
    certificate = getattr(app, "certificate", None)
    return certificate is not None and certificate.valid_until < timezone.localdate()


@condition("请先填写整改问题和整改期限。", asked_on_page=True)
def rectification_notice_given(app):
    return app.open_rectification() is not None


@condition("单位尚未提交整改情况。")
def rectification_answered(app):
    rectification = app.open_rectification()
    return rectification is not None and rectification.answered_at is not None
