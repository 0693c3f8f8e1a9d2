"""The order the site's hooks run in, declared once, by name: each hook gives its events its priority here.

MkDocs runs the handlers of one event by priority, highest first, and plugins' handlers at priority 0; every
hook runs after the plugins (Material's search among them), as when hooks ran in the order mkdocs.yml lists
them. So the list in mkdocs.yml says which hooks the site has, and this module when each runs:
- content first: the Build every other hook reads;
- search before edition: the offline edition's search index reads what the edition's hook then removes;
- guards before the renderers that add the site's own markup after the clerk's text is judged;
- study before guards: the 已学 control it adds to finished pages is judged with the rest of the page;
- place before guards: the neighbours it gives an entry have their titles escaped like the navigation's;
- csp last: the policy goes on the finished page.
"""

from __future__ import annotations

HOOKS = (
    "content",
    "search",
    "edition",
    "study",
    "place",
    "guards",
    "indexes",
    "checklists",
    "a11y",
    "packs",
    "quizzes",
    "dates",
    "repeatable",
    "csp",
)
LAST = -100.0


def priority(hook: str) -> float:
    """The priority of every event of this hook (below 0: after the plugins)."""
    if hook == HOOKS[-1]:
        return LAST
    return -1.0 - HOOKS.index(hook)
