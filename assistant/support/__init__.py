"""Checking that an answer says only what the sentences it cites say."""
