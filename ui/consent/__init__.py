"""Confidentiality as records in the window: consent, releases, disclosures, requests, and the
home view of everything due."""
