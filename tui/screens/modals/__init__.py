"""Screens shown over another: help, errors, the actor picker, a citation."""
