"""One record per resident the municipality works with, and the privacy contract.

See docs/architecture.md ("People"). Apps refer to ``people.Person``; they never reach into
each other for a person's data.
"""
