"""The top of the window: the app, its controller, the main window, the unlock screen, the
first-run wizard, idle locking and settings. It composes the features through the hook."""
