from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "onewindow.security"
    label = "security"
    verbose_name = _("Security and audit")

    def ready(self) -> None:
        from onewindow.security import checks  # noqa: F401 - registers the deploy checks
