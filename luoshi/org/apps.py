from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "luoshi.org"
    label = "org"
    verbose_name = "组织与人员"
    default_auto_field = "django.db.models.BigAutoField"
