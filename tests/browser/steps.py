"""Steps the journeys share."""

import re

PASSWORD = "pass-1234-word"  # tests/factories.UserFactory's


def follow(page, target):
    """Click a link or a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        target.click()


def link_in(message, pattern=r"https?://\S+"):
    return re.search(pattern, message.body).group(0)


def sign_in(page, base_url, username, password=PASSWORD):
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(password)
    follow(page, page.locator("main form[method=post] [type=submit]").first)


def accept_confirmations(page):
    """confirm.js asks before irreversible buttons; a person answers 确定."""
    page.on("dialog", lambda dialog: dialog.accept())
