"""What every page a browser test visits must pass: axe-core finds no serious or critical violation
(nor any of the lesser ones in ALSO_BLOCKING), and at 390 px (a phone) the page does not scroll sideways.

axe-core is the npm package pinned in package.json (`make test-browser` installs it with npm into
node_modules/); it is evaluated in the page through the DevTools protocol, so the site's strict
Content-Security-Policy stays as it is and nothing is loaded from another host.
"""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
BLOCKING = {"serious", "critical"}
# Rules of lesser impact that the UX review (issue 13) found on this site; they stay fixed too.
ALSO_BLOCKING = {"region", "heading-order", "landmark-unique", "empty-table-header", "landmark-one-main"}


def axe_source():
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `make test-browser` (it installs axe-core with npm)")
    return AXE.read_text(encoding="utf-8")


class Audit:
    """Collects the problems of every page checked; a test asserts `audit.problems == []` at its end."""

    def __init__(self):
        self.problems = []
        self.visited = []
        self._axe = axe_source()

    def axe(self, page):
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self._axe)
        results = page.evaluate(
            """() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"""
        )
        return [v for v in results if v["impact"] in BLOCKING or v["id"] in ALSO_BLOCKING]

    @staticmethod
    def overflow(page):
        """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
        return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")

    def check(self, page, label=None):
        """axe at the page's own size, then axe and the overflow check at phone width."""
        where = label or page.url
        self.visited.append(where)
        for violation in self.axe(page):
            self.problems.append(f"{where}: {violation['impact']} {violation['id']} ({violation['help']}) "
                                 f"at {violation['nodes']}")
        size = page.viewport_size
        if size != PHONE:
            page.set_viewport_size(PHONE)
            page.wait_for_timeout(250)  # site.js relabels scrolling tables after a resize
            for violation in self.axe(page):
                self.problems.append(f"{where} at 390px: {violation['impact']} {violation['id']} "
                                     f"({violation['help']}) at {violation['nodes']}")
        wider = self.overflow(page)
        if wider > 0:
            self.problems.append(f"{where}: {wider}px wider than a 390px phone screen")
        if size != PHONE:
            page.set_viewport_size(size)

    def report(self):
        return f"{len(self.problems)} problems on {len(self.visited)} pages:\n" + "\n".join(self.problems)
