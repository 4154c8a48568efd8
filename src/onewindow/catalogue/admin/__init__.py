"""Catalogue administration. Every save goes through catalogue.services, so the admin enforces the
same rules as the API: a published version is read-only, drafts are edited and published through
the services, and service errors come back as admin messages.

Forms run the pure checks of services.rules first so that most mistakes show next to their field;
what only a service can decide (uniqueness, state) is reported as a message after a rollback.
"""

from onewindow.catalogue.admin import items, records, versions

__all__ = ["items", "records", "versions"]
