"""Benchmarks: a large-database generator and the budget runner (see README, Performance)."""
