"""The steps of `manage.py load_demo`, in the order they run.

A step is a callable with no arguments that writes part of the demo data and returns a one-line
summary. The command runs each step in its own transaction and prints its summary and time.

Rules for a step (so that `load_demo` can run any number of times and leave the same rows):
- find existing objects by natural key (region codes, department codes, window numbers,
  usernames, implementation codes; see demo.refs) and create only what is missing;
- write through the apps' services, as any other code does;
- never depend on row ids or on the order of other apps' rows; depend only on earlier steps.

Adding a step (e.g. a case generator that creates a few hundred cases in every state): write
`load_cases()` in demo/loaders/cases.py, import it here and append it to STEPS. Use demo.refs to
find centres, windows, staff (`refs.staff("clerk")`) and items (`refs.item("10001")`), and mark what
it creates with a natural key (e.g. the case number) so that a second run skips it.
"""

from __future__ import annotations

from collections.abc import Callable

from onewindow.accounts.demo import load_demo_citizens
from onewindow.cases.demo import load_demo_cases
from onewindow.demo.loaders.catalogue import load_catalogue
from onewindow.demo.loaders.keys import load_seal_keys
from onewindow.demo.loaders.network import load_network
from onewindow.demo.loaders.reviews import load_reviews
from onewindow.demo.loaders.staff import load_staff
from onewindow.feedback.demo import load_demo_feedback
from onewindow.portal.demo import load_demo_portal
from onewindow.queueing.demo import load_demo_queue
from onewindow.reports.demo import load_demo_reports
from onewindow.supervision.demo import load_demo_supervision

Step = Callable[[], str]

STEPS: list[Step] = [
    load_network,    # regions, centres, halls, departments, windows, seals
    load_staff,      # users, staff, roles, AB posts, duty board, authorisations, admin group
    load_catalogue,  # items with published versions, bundles, delegations
    load_reviews,    # a year of guide reviews
    load_seal_keys,  # SM2 keys for the seals (files under var/keys), so licences can be signed
    load_demo_cases,  # a few hundred cases in every state, through the case services
    load_demo_citizens,  # the citizen login's profile, an organisation, an application awaiting pre-review
    load_demo_queue,  # queue lines, appointment slots and a simulated day of tickets
    load_demo_portal,  # life events and policies/notices of the online service hall
    load_demo_feedback,  # evaluations, bad-review loops and complaints at the county centre
    load_demo_supervision,  # attendance, a supervision sweep (warnings, anomalies), the month's assessment
    load_demo_reports,  # rollups of the demo cases; the county's last closed month submitted
]
