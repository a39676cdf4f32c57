"""The yearly cycle: start a new plan (new.py) or next year's plan from this year's (rollover.py).

Both leave placeholders (placeholder.py) where an official must fill something in;
the VP5xx rules in vplan/rules/placeholders.py find them in the read model.
"""
