from io import StringIO
from pathlib import Path

from django.core.management import call_command

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_diagram_in_docs_is_the_one_generated_from_the_code():
    out = StringIO()
    call_command("graph_transitions", "certification.Application", stdout=out)
    # graph_transitions writes nodes and edges in set order, so compare the lines, not their order.
    generated = sorted(out.getvalue().strip().splitlines())
    committed = sorted((DOCS / "workflow.dot").read_text(encoding="utf-8").strip().splitlines())
    assert generated == committed, (
        "The workflow changed: run `make graph` and commit docs/workflow.dot and docs/workflow.svg."
    )
