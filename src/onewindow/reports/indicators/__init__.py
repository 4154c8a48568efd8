"""Indicator definitions (what each figure means and its seed target) and their computation."""

from onewindow.reports.indicators.definitions import INDICATORS, Indicator, by_code

__all__ = ["INDICATORS", "Indicator", "by_code"]
