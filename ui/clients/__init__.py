"""The clients feature: the list, the profile form, and the workspace that hosts client tabs."""
