"""Automatic backups in the window: the status line, backups at lock and daily, restore."""
