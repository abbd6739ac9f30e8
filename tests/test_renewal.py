"""Renewal (续期): pre-filled from the last application, one per round, and naming it replaces the old title."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from certification.criteria import live_criteria
from certification.models import Certificate, Level, State, TransitionLog
from certification.selectors import public
from certification.services import applications, renewals, workflow
from certification.services.certificates import validity_end

from .factories import DocumentFactory, RoundFactory, full_self_assessment
from .renewals import current_round, named, renew, title
from .test_criteria_snapshot import edit_first_indicator

pytestmark = pytest.mark.django_db


def test_a_renewal_is_a_draft_in_the_open_round_that_renews_the_title(applicant_a):
    old = title(applicant_a.business)
    renewal = renew(old)
    assert (renewal.state, renewal.round, renewal.renewal_of) == (State.DRAFT, current_round(), old)


def test_a_renewal_asks_for_the_level_the_unit_holds(applicant_a):
    old = title(applicant_a.business, level=Level.CITY)
    renewal = renew(old)
    assert (renewal.level_requested, renewal.level) == (Level.CITY, Level.CITY)


def test_a_renewal_carries_over_the_self_assessment_of_the_indicators_still_in_the_criteria(applicant_a):
    entries = {**full_self_assessment(live_criteria()), "Z9": {"points": 3, "note": "已废止的指标。"}}
    old = title(applicant_a.business, self_assessment=entries)
    renewal = renew(old)
    assert renewal.self_assessment == {code: entry for code, entry in entries.items() if code != "Z9"}


def test_points_above_an_indicators_new_maximum_are_dropped_and_the_note_kept(applicant_a):
    criteria = live_criteria()
    first = criteria.indicators()[0]
    entries = {**full_self_assessment(criteria), first["code"]: {"points": first["max_points"] + 5, "note": "旧分值。"}}
    renewal = renew(title(applicant_a.business, self_assessment=entries))
    assert renewal.self_assessment[first["code"]] == {"points": None, "note": "旧分值。"}


def test_a_renewal_is_submitted_against_the_criteria_live_at_submission_not_the_old_ones(applicant_a):
    old = title(applicant_a.business)
    edit_first_indicator("明码标价，价签价目齐全，电子价签与结算价一致（2026年修订）。")
    renewal = renew(old)
    workflow.perform(renewal, "submit", applicant_a)
    renewal.refresh_from_db()
    assert renewal.criteria.version == live_criteria().version != old.criteria.version


def test_the_documents_chosen_are_copied_into_the_renewal(applicant_a):
    old = title(applicant_a.business)
    licence = old.documents.get(kind="licence")
    renewal = renew(old, keep=[licence])
    copy = renewal.documents.get()
    assert (copy.kind, copy.original_name, copy.file.read()) == ("licence", "营业执照.pdf", licence.file.read())


def test_a_copied_document_is_a_file_of_its_own(applicant_a):
    old = title(applicant_a.business)
    licence = old.documents.get(kind="licence")
    copy = renew(old, keep=[licence]).documents.get()
    assert copy.file.name != licence.file.name and copy.file.storage.exists(copy.file.name)


def test_the_documents_not_chosen_are_not_copied(applicant_a):
    old = title(applicant_a.business)
    renewal = renew(old, keep=old.documents.filter(kind="licence"))
    assert list(renewal.documents.values_list("kind", flat=True)) == ["licence"]


def test_another_applications_document_cannot_be_kept(applicant_a, applicant_b):
    old = title(applicant_a.business)
    foreign = title(applicant_b.business).documents.first()
    with pytest.raises(ValidationError, match="不属于上一次申报"):
        renew(old, keep=[foreign])
    assert not old.renewals.exists()


def test_renewing_twice_in_a_round_is_refused_with_a_clear_message(applicant_a):
    old = title(applicant_a.business)
    renew(old)
    with pytest.raises(ValidationError, match="已有申报，不能再发起续期申报"):
        renew(old)
    assert old.renewals.count() == 1


def test_a_unit_with_an_application_in_the_round_cannot_also_renew_in_it(applicant_a):
    old = title(applicant_a.business)
    applications.start_application(applicant_a.business, current_round(), Level.COUNTY)
    with pytest.raises(ValidationError, match="已有申报"):
        renew(old)


def test_a_renewal_withdrawn_leaves_room_for_another(applicant_a):
    old = title(applicant_a.business)
    workflow.perform(renew(old), "withdraw", applicant_a)
    assert renew(old).renewal_of == old


def test_a_renewal_in_a_closed_round_is_refused(applicant_a):
    old = title(applicant_a.business)
    with pytest.raises(ValidationError, match="不在申报时间内"):
        renew(old, round_=RoundFactory(closed=True))


def test_a_revoked_title_cannot_be_renewed(applicant_a):
    old = title(applicant_a.business)
    Certificate.objects.filter(application=old).update(revoked_on=timezone.localdate(), revoked_reason="价格欺诈")
    old.refresh_from_db()
    with pytest.raises(ValidationError, match="已被撤销"):
        renew(old)


def test_a_title_under_rectification_cannot_be_renewed_until_the_rectification_is_done(applicant_a, county_officer):
    import datetime

    from certification.services import rectifications

    old = title(applicant_a.business)
    rectifications.order(old, "价格公示不全", timezone.localdate() + datetime.timedelta(days=30), county_officer)
    old.refresh_from_db()
    with pytest.raises(ValidationError, match="整改期间不能续期"):
        renew(old)


def test_an_expired_title_can_be_renewed(applicant_a):
    old = title(applicant_a.business, days_left=-3)
    workflow.perform(old, "expire", None, system=True)
    assert renew(old).renewal_of == old


def test_only_the_unit_itself_can_renew_its_title(applicant_a, applicant_b):
    old = title(applicant_a.business)
    with pytest.raises(PermissionDenied):
        renewals.start(old, current_round(), [], applicant_b)


# --- naming the renewal ------------------------------------------------------------------------------


@pytest.fixture
def renewed(applicant_a, county_officer):
    old = title(applicant_a.business)
    return old, named(renew(old), county_officer)


def test_naming_a_renewal_supersedes_the_old_title(renewed):
    old, _ = renewed
    old.refresh_from_db()
    assert old.state == State.EXPIRED
    assert old.transitions.last().transition == "supersede"


def test_naming_a_renewal_points_the_old_certificate_to_the_new_one(renewed):
    old, new = renewed
    assert Certificate.objects.get(application=old).superseded_by == new.certificate


def test_the_old_certificate_reads_superseded(renewed):
    old, _ = renewed
    assert Certificate.objects.get(application=old).status() == Certificate.Status.SUPERSEDED


def test_the_directory_lists_a_renewed_unit_once(client, renewed):
    old, new = renewed
    page = client.get("/units/").content.decode()
    assert f'href="/units/{new.pk}/"' in page and f'href="/units/{old.pk}/"' not in page
    assert public.units_in_force().filter(business=new.business).count() == 1


def test_the_old_number_verifies_as_superseded_with_a_link_to_the_new_certificate(client, renewed):
    old, new = renewed
    page = client.get("/verify/", {"number": old.certificate.number}).content.decode()
    assert "<h1>已换发新证</h1>" in page
    assert f'href="/v/{new.certificate.token}/"' in page and new.certificate.number in page


def test_the_supersede_is_not_e_mailed_as_an_expiry(applicant_a, county_officer, sent_mail):
    renewal = renew(title(applicant_a.business))
    sent_mail()
    mail.outbox = []
    named(renewal, county_officer)
    subjects = [m.subject for m in sent_mail() if m.to == [applicant_a.email]]
    assert any("已命名" in subject for subject in subjects)  # the renewal's naming is e-mailed
    assert not [subject for subject in subjects if "已到期" in subject]


def test_naming_a_renewal_of_an_expired_title_points_its_certificate_to_the_new_one(applicant_a, county_officer):
    old = title(applicant_a.business, days_left=-3)
    workflow.perform(old, "expire", None, system=True)
    new = named(renew(old), county_officer)
    assert Certificate.objects.get(application=old).superseded_by == new.certificate


def test_an_expired_title_renewed_has_the_replacement_in_its_record(applicant_a, county_officer):
    old = title(applicant_a.business, days_left=-3)
    workflow.perform(old, "expire", None, system=True)
    named(renew(old), county_officer)
    log = TransitionLog.objects.filter(application=old).last()
    assert (log.transition, log.source, log.target) == ("supersede", State.EXPIRED, State.EXPIRED)


def test_a_title_revoked_before_its_renewal_is_named_stays_revoked(applicant_a, county_officer):
    old = title(applicant_a.business)
    renewal = renew(old)
    workflow.perform(old, "revoke", county_officer, comment="经查实存在价格欺诈。")
    named(renewal, county_officer)
    certificate = Certificate.objects.get(application=old)
    assert (certificate.status(), certificate.superseded_by) == (Certificate.Status.REVOKED, None)


def test_a_unit_named_again_without_a_renewal_still_holds_one_title(applicant_a, county_officer):
    old = title(applicant_a.business)
    again = applications.start_application(applicant_a.business, current_round(), Level.COUNTY)
    applications.save_self_assessment(again, full_self_assessment(live_criteria()))
    for kind in ("licence", "commitment"):
        DocumentFactory(application=again, kind=kind)
    named(again, county_officer)
    assert public.units_in_force().filter(business=applicant_a.business).get().pk == again.pk
    assert Certificate.objects.get(application=old).superseded_by == again.certificate


def test_a_renewals_certificate_runs_from_its_own_naming(renewed):
    _, new = renewed
    today = timezone.localdate()
    assert (new.certificate.issued_on, new.certificate.valid_until) == (today, validity_end(today, 2))
