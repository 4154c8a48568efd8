from django import template

from onewindow.reports.excel import fmt_target, fmt_value

register = template.Library()


@register.filter
def pct(value):
    return "—" if value is None else f"{value * 100:.1f}%"


@register.filter
def value_text(ind):
    return fmt_value(ind["value"], ind["unit"])


@register.filter
def target_text(ind):
    return fmt_target(ind)
