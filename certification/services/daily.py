"""The daily jobs (`manage.py daily`, from cron once a day or more often): each is idempotent, so a
second run the same day does nothing more. A job takes `today` and returns a line for the log."""

from . import campaigns, complaints, naming, officer_alerts, reminders


def expire_titles(today):
    return f"{naming.expire_due(today)} 个示范单位称号到期。"


def chase_self_checks(today):
    reminded, reviewed = campaigns.remind_and_review(today)
    return f"年度复核：催报 {reminded} 个单位，{reviewed} 个逾期未自查的单位启动复核。"


def remind_expiry(today):
    sent = reminders.send_due(today)
    detail = "，".join(f"{days}天 {count} 封" for days, count in sent.items())
    return f"到期提醒：发送 {sum(sent.values())} 封（{detail}）。"


def officer_digests(today):
    return f"工作人员每日汇总：发送 {officer_alerts.send_digests(today)} 封。"


def mail_overdue_complaints(today):
    return f"超期投诉：提醒 {complaints.mail_overdue(today)} 名工作人员。"


JOBS = [expire_titles, chase_self_checks, remind_expiry, mail_overdue_complaints, officer_digests]


def run(today):
    return [job(today) for job in JOBS]
