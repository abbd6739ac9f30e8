"""An officer's transition button, routed to the service that owns its side effects.

Most transitions need nothing beyond the workflow; putting a unit on notice publishes a notice
page, naming issues a certificate under the quota lock, revoking marks the certificate.
"""

from . import naming, notice, workflow


def _single(batch_result):
    done, refused, _page = batch_result
    if refused:
        raise workflow.TransitionConflict(refused[0][1])
    return done[0]


def run(application, name, user, comment=""):
    if name == "open_notice":
        workflow.ensure_allowed(application, name, user, comment or "")
        return _single(notice.open_notice([application], user))
    if name == "name_unit":
        workflow.ensure_allowed(application, name, user, comment or "")
        return _single(naming.name_units([application], user))
    if name == "revoke":
        workflow.ensure_allowed(application, name, user, comment or "")
        return naming.revoke(application, user, comment)
    return workflow.perform(application, name, user, comment=comment)
