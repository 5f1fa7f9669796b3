"""Chinese full-text search over published records (see docs/search.md).

The text is indexed as overlapping character bigrams, so any query of two or more characters is
found with full recall (a two-character query is one bigram; a longer one is the phrase of its
bigrams). SQLite keeps an FTS5 table; PostgreSQL a GIN index over an array of bigrams with an
exact substring recheck. Both fetch the first page newest-first by the index's own order and cap
the count at ``COUNT_CAP`` ("约 1,000+ 条"): counting every hit of a frequent term is what makes
full-text search slow.
"""
