"""The daily jobs (`manage.py daily`, from cron once a day or more often): each is idempotent, so a
second run the same day does nothing more. A job takes `today` and returns a line for the log."""

from . import naming


def expire_titles(today):
    return f"{naming.expire_due(today)} 个示范单位称号到期。"


JOBS = [expire_titles]


def run(today):
    return [job(today) for job in JOBS]
