from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The program report: the dashboard, its exports, `ips_report`. No models: it reads
    the fidelity selectors and the owning apps' selectors."""

    name = "reports"
    verbose_name = "Program report"
