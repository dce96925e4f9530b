"""Full-text search over notes: the query parser (typed text can never break a query), the
engine over the FTS5 index, and the snippets shown with each hit."""
