"""The workflow is declared once (models/workflow.py); the rest of the system reads the declarations."""

import dataclasses

import pytest
from django.core import checks

from certification.models import MEANING, SYSTEM, TITLE_STATES, Application, State

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def fangxin_errors():
    return [e for e in checks.run_checks() if e.id.startswith("fangxin.")]


def test_the_declarations_pass_the_system_check():
    assert fangxin_errors() == []


def test_a_misspelt_effect_fails_the_system_check(monkeypatch):
    meta = Application.transition_meta("revoke")
    for transition in meta.transitions.values():
        broken = dataclasses.replace(transition.custom, after="certification.services.certificates.no_such_thing")
        monkeypatch.setattr(transition, "custom", broken)
    assert [e.id for e in fangxin_errors()] == ["fangxin.E004"]


def test_every_state_has_a_meaning():
    assert set(MEANING) == set(State)


def test_every_transition_has_a_step_with_a_chinese_label():
    steps = Application.steps()
    assert steps and all(step.label and not step.label.isascii() for step in steps.values())


def test_the_system_steps_are_never_offered_as_buttons(county_officer):
    app = ApplicationFactory(state=State.UNDER_ASSESSMENT)
    names = {name for name, step in Application.steps().items() if step.actor == SYSTEM}
    assert "complete_assessment" in names
    assert not names & {action.name for action in app.actions_for(county_officer)}


def test_every_transition_touching_a_title_state_is_declared_public():
    """The public flag is declared per transition; the public sees the title states (and the badge
    of the state a title is in), so every transition from or into one must clear the public cache."""
    touching = {
        name for name in Application.steps()
        for t in Application.transition_meta(name).transitions.values()
        if t.source in TITLE_STATES or t.target in TITLE_STATES
    }
    public = {name for name, step in Application.steps().items() if step.public}
    assert "revoke" in touching and public == touching
