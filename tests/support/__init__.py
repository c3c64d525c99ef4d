"""Helpers the tests share (imported from here, never from another test module or conftest)."""
