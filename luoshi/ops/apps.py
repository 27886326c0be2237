from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "luoshi.ops"
    label = "ops"
    verbose_name = _("运维")
    default_auto_field = "django.db.models.BigAutoField"
