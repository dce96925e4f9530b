"""The ground floor of the window: the background helper, prompts, labels, icons, shared
widgets and the feature hook. Nothing here imports a feature or the shell."""
