"""Helpers shared by the reliability and security suites (tests/reliability, tests/security)."""
