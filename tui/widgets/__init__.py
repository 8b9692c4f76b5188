"""Reusable widgets of the live minutes screen (agenda, entry list, composer) and their logic."""
