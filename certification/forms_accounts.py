"""allauth's forms with the labels a Chinese user expects (allauth's own translation leaves "email" in)."""

from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = "用户名或电子邮箱"
        login.widget.attrs["placeholder"] = "用户名或电子邮箱"
        if "remember" in self.fields:
            self.fields["remember"].label = "在这台电脑上保持登录"
