"""The browser's own form checks speak Chinese in a browser set to English (static/js/site.js)."""

import pytest

pytestmark = pytest.mark.browser


def message_after_sending(page, selector):
    page.get_by_role("button", name="登录").click()
    return page.eval_on_selector(selector, "el => el.validationMessage")


def test_an_empty_required_field_is_explained_in_chinese_to_an_english_browser(english_desktop, site):
    english_desktop.goto(site.url + "/accounts/login/")
    assert message_after_sending(english_desktop, "input[name=login]") == "请填写此项。"


def test_the_chinese_message_goes_once_the_field_is_filled(english_desktop, site):
    english_desktop.goto(site.url + "/accounts/login/")
    message_after_sending(english_desktop, "input[name=login]")
    english_desktop.fill("input[name=login]", "city")
    assert english_desktop.eval_on_selector("input[name=login]", "el => el.validationMessage") == ""


def test_choosing_any_button_of_a_required_radio_group_clears_the_message_on_all(english_desktop, site):
    page = english_desktop
    page.goto(site.url + "/accounts/login/")
    page.evaluate("""() => {
        const form = document.createElement("form");
        form.innerHTML = '<input type="radio" name="pick" value="a" required>'
            + '<input type="radio" name="pick" value="b">';
        document.body.append(form);
        form.reportValidity();
        form.querySelector('[value="b"]').click();
    }""")
    messages = page.eval_on_selector_all("input[name=pick]", "els => els.map(el => el.validationMessage)")
    assert messages == ["", ""]
