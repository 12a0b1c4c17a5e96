"""Chinese text conventions, in one place for readers, extraction, rules and organs: numerals and
numbers with units (numerals.py), dates (dates.py), enumerators, blank marks and spacing (marks.py).

Conventions only: nothing here knows the form (that is editions/) or a file format (readers/).
"""
