import pytest

from certification.criteria import live_criteria
from certification.models import CriteriaSnapshot
from cms.models import AssurancePage

pytestmark = pytest.mark.django_db


def edit_first_indicator(text, publish=True):
    page = AssurancePage.objects.get(slug="price").specific
    indicators = list(page.indicators.all())
    indicators[0].text = text
    page.indicators = indicators
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def test_live_criteria_has_five_assurances_and_100_points():
    criteria = live_criteria()
    assert len(criteria.assurances) == 5
    assert criteria.total_points == 100


def test_publishing_an_edited_indicator_changes_the_live_criteria():
    edit_first_indicator("明码标价，价签价目齐全（修订）。")
    assert live_criteria().indicator("C1")["text"] == "明码标价，价签价目齐全（修订）。"


def test_a_snapshot_taken_before_an_edit_keeps_the_old_text():
    snapshot = CriteriaSnapshot.objects.for_criteria(live_criteria())
    old_text = snapshot.as_criteria().indicator("C1")["text"]
    edit_first_indicator("明码标价（新版本）。")
    snapshot.refresh_from_db()
    assert snapshot.as_criteria().indicator("C1")["text"] == old_text
    assert live_criteria().version != snapshot.version


def test_a_saved_but_unpublished_draft_does_not_change_the_live_criteria():
    before = live_criteria().version
    edit_first_indicator("草稿中的修改。", publish=False)
    assert live_criteria().version == before


def test_the_same_live_criteria_give_the_same_snapshot():
    first = CriteriaSnapshot.objects.for_criteria(live_criteria())
    assert CriteriaSnapshot.objects.for_criteria(live_criteria()).pk == first.pk
