"""Full-text search over notes: the query parser (typed text can never break a query), the
block walk that finds matches newest first within a time budget (candidates), BM25 over the
words that tell notes apart (scoring), one page of hits with snippets, and the engine that
puts them together a page at a time."""
