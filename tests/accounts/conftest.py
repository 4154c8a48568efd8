from tests.accounts.citizens import (  # noqa: F401 - fixtures of this directory
    _clear_cache,
    citizen,
    citizen_client,
    frozen,
    online_version,
    org,
    other_citizen,
    other_client,
    zero_visit_version,
)
