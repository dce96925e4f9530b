"""The window's side of exporting and importing records (issue 11): see `feature`."""
