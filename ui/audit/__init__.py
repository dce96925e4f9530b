"""The audit-trail feature: the Activity Log window, its filters, and export for an inspector."""
