"""The daily jobs (`manage.py daily`, from cron once a day or more often): each is idempotent, so a
second run the same day does nothing more. A job takes `today` and returns a line for the log."""

from . import campaigns, naming


def expire_titles(today):
    return f"{naming.expire_due(today)} 个示范单位称号到期。"


def chase_self_checks(today):
    reminded, reviewed = campaigns.remind_and_review(today)
    return f"年度复核：催报 {reminded} 个单位，{reviewed} 个逾期未自查的单位启动复核。"


JOBS = [expire_titles, chase_self_checks]


def run(today):
    return [job(today) for job in JOBS]
