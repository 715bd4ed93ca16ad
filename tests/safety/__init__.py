"""Safety tests (issue 12): hostile inputs, faults and kills, each in a tiny project."""
