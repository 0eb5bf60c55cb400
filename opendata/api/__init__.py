"""The read-only API of everything a municipality published (/api/v1/), shaped after
Open Raadsinformatie where it has a model; see docs/api.md."""
