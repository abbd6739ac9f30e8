"""django-axes: one user name for the throttle whichever login form was used.

allauth authenticates with `email=` or `username=`, the Wagtail admin with `username=`, and the
forms post `login` or `username`; all count against the same, case-folded name.
"""


def axes_username(request, credentials=None):
    for source in (credentials or {}, getattr(request, "POST", {}) or {}):
        for key in ("login", "email", "username"):
            value = source.get(key)
            if value:
                return str(value).strip().lower()
    return None
