"""An officer's transition button, routed to the batch service when the transition publishes a page.

Putting a unit on notice publishes a 公示 page and naming publishes a naming announcement, so a single
button runs the same batch services as /staff/notice/ and /staff/naming/. Everything else, including
what naming and revoking do to the certificate, happens in workflow.perform.
"""

from . import naming, notice, workflow

BATCHES = {"open_notice": notice.open_notice, "name_unit": naming.name_units}


def run(application, name, user, comment=""):
    if name not in BATCHES:
        return workflow.perform(application, name, user, comment=comment)
    workflow.ensure_allowed(application, name, user, comment or "")  # the batch would only report a refusal
    done, refused, _page = BATCHES[name]([application], user)
    if refused:
        raise workflow.TransitionConflict(refused[0][1])
    return done[0]
