"""gov-audit: compliance auditor for Chinese government office registers."""

__version__ = "0.1.0"
