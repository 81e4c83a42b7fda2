"""render: the only code that formats output."""
