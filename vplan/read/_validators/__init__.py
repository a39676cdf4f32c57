"""Validators generated from the built-in schemas; see vplan.read.validators."""
