"""`make bench`: a heavy dataset in a separate database, measured; writes docs/performance.md."""
