from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicencesConfig(AppConfig):
    name = "onewindow.licences"
    label = "licences"
    verbose_name = _("E-licences")
