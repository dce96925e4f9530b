"""The note-search feature (Ctrl+F): results as the therapist types, escaped snippets."""
